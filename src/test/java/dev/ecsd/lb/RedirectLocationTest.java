package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.RuleAction.Redirect;
import org.junit.jupiter.api.Test;

class RedirectLocationTest {
    private static final FakeRequest REQUEST = FakeRequest.get("shop.example", "/a/b").withQuery("x=1").onPort(8080);

    @Test
    void componentsLeftOutKeepTheRequestsOwn() {
        assertThat(RedirectLocation.of(new Redirect(null, null, null, null, null, "HTTP_302"), REQUEST))
                .isEqualTo("http://shop.example:8080/a/b?x=1");
    }

    @Test
    void keywordsAreReplacedAndThePathKeywordHasNoLeadingSlash() {
        Redirect redirect = new Redirect("HTTPS", "443", "www.#{host}", "/new/#{path}", "#{query}&from=#{port}", "HTTP_301");

        assertThat(RedirectLocation.of(redirect, REQUEST)).isEqualTo("https://www.shop.example:443/new/a/b?x=1&from=8080");
        assertThat(RedirectLocation.status(redirect)).isEqualTo(301);
    }

    @Test
    void anEmptyQueryWritesNoQuestionMark() {
        assertThat(RedirectLocation.of(new Redirect("#{protocol}", "#{port}", "#{host}", "/", "#{query}", "HTTP_302"),
                FakeRequest.get("h", "/x"))).isEqualTo("http://h:80/");
    }
}
