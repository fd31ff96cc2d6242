package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.errors.BadRequestException;
import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses, before any parser expands it, a YAML document whose aliases would blow up ("billion laughs":
 * nine levels of nine aliases are 9^9 nodes from under 1 KB): the document is composed once without
 * expanding aliases (SnakeYAML shares the aliased node), with at most {@value #MAX_ALIASES} aliases of
 * collections, recursive aliases refused, and the size it would have expanded counted.
 */
final class YamlLimits {
  /** Aliases of mappings and sequences one document may use. */
  static final int MAX_ALIASES = 50;
  /** Nodes the document may have once every alias is expanded. */
  static final long MAX_EXPANDED_NODES = 2_000_000;
  /** Nesting depth of the document. */
  static final int MAX_DEPTH = 100;

  private YamlLimits() {}

  /**
   * Throws 400 when {@code text} would expand past the limits; syntax errors are left to the reader,
   * which words them.
   */
  static void check(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    // The management API bounds the body (gateway.management.max-body-size); this only lifts SnakeYAML's 3 MB default.
    options.setCodePointLimit(Integer.MAX_VALUE);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      return;
    } catch (YAMLException e) {
      throw new BadRequestException("Invalid OpenAPI input: " + e.getMessage()
          + " (expected: at most " + MAX_ALIASES + " aliases of mappings or sequences, nesting at most " + MAX_DEPTH
          + " deep)");
    }
    if (root != null) {
      expanded(root, new IdentityHashMap<>());
    }
  }

  /** The node count of {@code node} with aliases expanded; -1 in {@code sizes} marks a node being counted. */
  private static long expanded(Node node, Map<Node, Long> sizes) {
    Long known = sizes.get(node);
    if (known != null) {
      if (known < 0) {
        throw new BadRequestException("Invalid OpenAPI input: a YAML alias refers to a node that contains it"
            + " (expected: aliases of earlier, complete nodes)");
      }
      return known;
    }
    sizes.put(node, -1L);
    long size = 1;
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size += expanded(item, sizes);
        checkSize(size);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        size += expanded(tuple.getKeyNode(), sizes) + expanded(tuple.getValueNode(), sizes);
        checkSize(size);
      }
    }
    sizes.put(node, size);
    return size;
  }

  private static void checkSize(long size) {
    if (size > MAX_EXPANDED_NODES) {
      throw new BadRequestException("Invalid OpenAPI input: the YAML aliases expand to more than "
          + MAX_EXPANDED_NODES + " nodes (expected: a document that is not an alias bomb)");
    }
  }
}
