package dev.apigw.node.dataplane.mapping;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/** A Velocity resource loader that finds nothing, so #parse and #include never reach files. */
final class NoResources extends ResourceLoader {

  @Override
  public void init(ExtProperties configuration) {}

  @Override
  public Reader getResourceReader(String source, String encoding) {
    throw new ResourceNotFoundException(
        "Mapping templates cannot load resources: " + source + " (expected: inline VTL only)");
  }

  @Override
  public boolean isSourceModified(Resource resource) {
    return false;
  }

  @Override
  public long getLastModified(Resource resource) {
    return 0;
  }
}
