package dev.apigw.node.dataplane.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateBudgetTest {
  private static final TemplateSettings SMALL = new TemplateSettings(Duration.ofMillis(300), 1000);

  private static TemplateScope query(String name, String value) {
    return Scopes.params(Map.of(), Map.of(name, List.of(value)), Map.of());
  }

  private static String render(String template, TemplateScope scope, TemplateSettings limits) {
    return MappingTemplate.compile(template, limits).render(scope).body();
  }

  private static void assertStopsQuickly(String template, TemplateScope scope, TemplateSettings limits,
      String message) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> render(template, scope, limits))
        .isInstanceOf(TemplateLimitException.class)
        .hasMessageContaining(message);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void nestedForeachWithoutOutputStopsAtTheTimeBudget() {
    assertStopsQuickly("#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])"
        + "#set($x = $c)#end#end#end", Scopes.body(""), SMALL, "time budget");
  }

  @Test
  void nestedForeachOverAListStopsAtTheTimeBudget() {
    assertStopsQuickly("#set($l = [1..1000])#foreach($a in $l)#foreach($b in $l)#foreach($c in $l)"
        + "$!{null}#end#end#end", Scopes.body(""), SMALL, "time budget");
  }

  @Test
  void evaluatedTextIsBoundedToo() {
    assertStopsQuickly("#evaluate($input.params('t'))",
        query("t", "#set($s = 'aaaaaaaaaa')#foreach($i in [1..40])#set($s = $s + $s)#end$s.length()"),
        TemplateSettings.DEFAULTS, "budget");
  }

  @Test
  void ifSetAndMacrosStillWork() {
    assertThat(render("#macro(twice $x)$x$x#end#set($a = 'b')#if($a == 'b')#twice($a)#else no#end"
        + "#set($n = 2 + 3)$n|#set($r = [1..3])$r", Scopes.body(""), SMALL)).isEqualTo("bb5|[1, 2, 3]");
  }

  @Test
  void outputLargerThanTheBudgetIsRefused() {
    assertStopsQuickly("#foreach($a in [1..1000])0123456789#end", Scopes.body(""), SMALL, "output");
  }

  @Test
  void outputWithinTheBudgetRenders() {
    assertThat(render("#foreach($a in [1..10])0123456789#end", Scopes.body(""), SMALL)).hasSize(100);
  }

  @Test
  void stringRepeatWithAHugeCountIsRefusedBeforeAllocating() {
    assertStopsQuickly("$input.params('n').repeat(2000000000)", query("n", "ab"), TemplateSettings.DEFAULTS,
        "repeat");
  }

  @Test
  void repeatWithinTheBudgetWorks() {
    assertThat(render("$input.params('n').repeat(3)", query("n", "ab"), SMALL)).isEqualTo("ababab");
  }

  @Test
  void doublingAStringWithPlusIsRefused() {
    assertStopsQuickly("#set($s = 'aaaaaaaaaa')#foreach($i in [1..40])#set($s = $s + $s)#end$s.length()",
        Scopes.body(""), TemplateSettings.DEFAULTS, "concatenation");
  }

  @Test
  void doublingAStringByInterpolationIsRefused() {
    assertStopsQuickly("#set($s = 'aaaaaaaaaa')#foreach($i in [1..40])#set($s = \"$s$s\")#end$s.length()",
        Scopes.body(""), TemplateSettings.DEFAULTS, "budget");
  }

  @Test
  void doublingAStringWithConcatIsRefused() {
    assertStopsQuickly("#set($s = 'aaaaaaaaaa')#foreach($i in [1..40])#set($s = $s.concat($s))#end",
        Scopes.body(""), TemplateSettings.DEFAULTS, "size budget");
  }

  @Test
  void doublingAListIsRefused() {
    assertStopsQuickly("#set($l = [1,2,3,4])#foreach($i in [1..40])#set($ok = $l.addAll($l))#end",
        Scopes.body(""), TemplateSettings.DEFAULTS, "elements");
  }

  @Test
  void aHugeRangeFromTheQueryIsRefused() {
    assertStopsQuickly("#set($n = $input.params('n'))#set($r = [0..$n])$r.size()",
        query("n", "2000000000"), TemplateSettings.DEFAULTS, "range");
  }

  @Test
  void replaceThatExplodesIsRefused() {
    assertStopsQuickly("#set($s = $input.params('n'))#set($t = $s.repeat(10000))$t.replace('a', $t)",
        query("n", "a"), TemplateSettings.DEFAULTS, "replace");
  }

  @Test
  void boundedReplaceMethodsKeepTheirMeaning() {
    assertThat(render("$input.params('s').replace('a', 'xy')|$input.params('s').replaceAll('a+', '-')"
        + "|$input.params('s').replaceFirst('b', 'B')|$input.params('s').matches('[ab]+')"
        + "|$input.params('s').split('b').size()", query("s", "aabaab"), SMALL))
        .isEqualTo("xyxybxyxyb|-b-b|aaBaab|true|2");
  }

  @Test
  void catastrophicBacktrackingInATemplateRegexStops() {
    assertStopsQuickly("$input.params('s').matches('(.*a){20}')", query("s", "a".repeat(40) + "!"),
        SMALL, "time budget");
  }

  @Test
  void formatIsNotAvailable() {
    assertThatThrownBy(() -> render("$input.params('s').formatted('x')", query("s", "%999999999s"), SMALL))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("formatted is not available");
  }

  @Test
  void boundedRegexStopsCatastrophicBacktracking() {
    // Java's engine shortcuts (a+)+$; this one backtracks exponentially (minutes on 40 characters).
    Pattern evil = Pattern.compile("(.*a){20}");
    long start = System.nanoTime();
    assertThatThrownBy(() -> BoundedRegex.matches(evil, "a".repeat(40) + "!", Duration.ofMillis(100)))
        .isInstanceOf(BoundedRegex.Timeout.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(BoundedRegex.matches(Pattern.compile("a+b"), "aab", Duration.ofMillis(100))).isTrue();
    assertThat(BoundedRegex.matches(Pattern.compile("a+b"), "aa", Duration.ofMillis(100))).isFalse();
  }

  @Test
  void boundedWriterRefusesToGrowPastTheBudget() {
    RenderBudget budget = new RenderBudget(new TemplateSettings(Duration.ofSeconds(5), 4));
    BoundedWriter writer = new BoundedWriter(budget);
    writer.write("abcd", 0, 4);
    assertThatThrownBy(() -> writer.write('e')).isInstanceOf(TemplateLimitException.class);
    assertThat(writer.toString()).isEqualTo("abcd");
  }

  @Test
  void settingsRefuseNonsense() {
    assertThatThrownBy(() -> new TemplateSettings(Duration.ZERO, 1))
        .hasMessageContaining("time-budget");
    assertThatThrownBy(() -> new TemplateSettings(Duration.ofSeconds(1), 0))
        .hasMessageContaining("max-output-size");
  }
}
