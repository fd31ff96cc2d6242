package dev.apigw.node.controlplane.tags;

import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.tags.TagChange;
import dev.apigw.protocol.tags.TagRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** {@code GetTags}, {@code TagResource} and {@code UntagResource} over the resource kinds that have a {@link TagStore}. */
public final class TagService {
  private final Map<String, TagStore> stores;

  /** @param stores by ARN collection name, e.g. {@code apikeys} */
  public TagService(Map<String, TagStore> stores) {
    this.stores = Map.copyOf(stores);
  }

  public CompletionStage<Map<String, String>> get(String arn) {
    ResourceArn resource = ResourceArn.parse(arn);
    return store(resource).read().apply(resource.id());
  }

  /** Adds or overwrites {@code tags}; the entity checks that the result still follows AWS's tag rules. */
  public CompletionStage<Done> tag(String arn, Map<String, String> tags) {
    ResourceArn resource = ResourceArn.parse(arn);
    TagRules.check(tags);
    return store(resource).write().apply(resource.id(), TagChange.tag(tags));
  }

  /** Removes {@code keys}; absent keys are ignored, as in AWS. */
  public CompletionStage<Done> untag(String arn, List<String> keys) {
    ResourceArn resource = ResourceArn.parse(arn);
    if (keys.isEmpty()) {
      return Futures.failed(new BadRequestException("tagKeys is required"));
    }
    return store(resource).write().apply(resource.id(), TagChange.untag(keys));
  }

  private TagStore store(ResourceArn resource) {
    TagStore store = stores.get(resource.kind());
    if (store == null) {
      throw new BadRequestException(
          "Tagging /" + resource.kind() + " resources through /tags is not supported by this gateway yet (supported: "
              + stores.keySet().stream().sorted().toList() + ")");
    }
    return store;
  }
}
