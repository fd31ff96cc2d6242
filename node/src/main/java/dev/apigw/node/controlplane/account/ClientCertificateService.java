package dev.apigw.node.controlplane.account;

import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.account.ClientCertificate;
import dev.apigw.protocol.tags.TagChange;
import dev.apigw.protocol.tags.TagRules;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;

/** GenerateClientCertificate, Get/Update/DeleteClientCertificate, and the certificates' tags. */
public final class ClientCertificateService {
  /** How long a generated certificate is valid (AWS: 365 days). */
  static final Duration VALIDITY = Duration.ofDays(365);

  private final AccountService account;
  private final Executor blocking;

  /** @param blocking where key generation runs (CPU-heavy; not on Pekko's default dispatcher) */
  public ClientCertificateService(AccountService account, Executor blocking) {
    this.account = account;
    this.blocking = blocking;
  }

  public CompletionStage<ClientCertificate> generate(String description, Map<String, String> tags) {
    TagRules.check(tags);
    String id = Ids.newId();
    Instant now = account.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(VALIDITY);
    return CompletableFuture.supplyAsync(() -> CertificateGenerator.generate(id, now, expires), blocking)
        .thenCompose(g -> account.<ClientCertificate>ask(r -> new AccountEntity.PutClientCertificate(
            new ClientCertificate(id, description, g.certificatePem(), g.privateKeyPem(), now, expires, tags), true, r)));
  }

  public CompletionStage<List<ClientCertificate>> list() {
    return account.state().thenApply(AccountEntity.State::clientCertificatesByDate);
  }

  public CompletionStage<ClientCertificate> get(String id) {
    return account.state().thenApply(s -> s.clientCertificate(id));
  }

  /** UpdateClientCertificate: only {@code replace /description}, as in AWS. */
  public CompletionStage<ClientCertificate> update(String id, List<PatchOperation> ops) {
    return change(id, c -> {
      ClientCertificate out = c;
      for (PatchOperation op : ops) {
        if (!op.is(PatchOperation.Op.REPLACE, "/description")) {
          throw op.unsupported(List.of("/description"));
        }
        out = out.withDescription(op.value());
      }
      return out;
    });
  }

  public CompletionStage<Done> delete(String id) {
    return account.ask(r -> new AccountEntity.DeleteClientCertificate(id, r));
  }

  public CompletionStage<Map<String, String>> tags(String id) {
    return get(id).thenApply(ClientCertificate::tags);
  }

  /** TagResource, UntagResource: the account entity applies {@code change} to the certificate's current tags. */
  public CompletionStage<Done> retag(String id, TagChange change) {
    return account.ask(r -> new AccountEntity.RetagClientCertificate(id, change, r));
  }

  private CompletionStage<ClientCertificate> change(String id, UnaryOperator<ClientCertificate> change) {
    return get(id).thenCompose(c -> account.<ClientCertificate>ask(
        r -> new AccountEntity.PutClientCertificate(change.apply(c), false, r)));
  }
}
