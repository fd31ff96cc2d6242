package dev.apigw.node.dataplane.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** What a reload compares: each file's path, size and modification time (absent files count too). */
record FileStamp(List<String> stamps) {

  static FileStamp of(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        var a = Files.readAttributes(f, BasicFileAttributes.class);
        out.add(f + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "|" + a.fileKey());
      } catch (IOException e) {
        out.add(f + "|absent");
      }
    }
    return new FileStamp(List.copyOf(out));
  }
}
