package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One route, configured in application.yml: everything to the benchmark's backend (BACKEND_URL). */
@SpringBootApplication
public class ScgReference {
  public static void main(String[] args) {
    SpringApplication.run(ScgReference.class, args);
  }
}
