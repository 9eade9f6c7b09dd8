using CodeUpdates.Ingestion.Reports;

namespace CodeUpdates.Tests.Mail;

public sealed class ChangeReportRenderTests
{
    [Fact]
    public void Html_marks_removed_and_inserted_words_of_a_revised_code()
    {
        var html = ChangeReportHtml.Render(ExampleDiffs.Diff());

        Assert.Contains("transport <ins style=\"", html);
        Assert.Contains(">(Medicaid only)</ins>", html);
        Assert.Matches("<del style=\"[^\"]+\">Crutches</del>", html);
        Assert.Matches("<ins style=\"[^\"]+\">=Crutches</ins>", html);
    }

    [Fact]
    public void Html_escapes_descriptor_text()
    {
        var html = ChangeReportHtml.Render(ExampleDiffs.Diff());

        Assert.Contains("Drug &lt;b&gt;&amp; device&lt;/b&gt; combination", html);
        Assert.DoesNotContain("<b>&", html);
    }

    [Fact]
    public void Html_uses_inline_styles_only()
    {
        var html = ChangeReportHtml.Render(ExampleDiffs.Diff());

        Assert.DoesNotContain("class=", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<style", html);
        Assert.Contains("max-width:960px", html);
    }

    [Fact]
    public void Html_lists_each_kind_and_summarises_administrative_fields()
    {
        var html = ChangeReportHtml.Render(ExampleDiffs.Diff());

        Assert.Contains("Added (1)", html);
        Assert.Contains("Deleted (2)", html);
        Assert.Contains("Reactivated (1)", html);
        Assert.Contains("J7297 J7298", html);
        Assert.Contains(">new</span>", html); // K1001: added and ended between the releases
        Assert.Contains("<td style=\"vertical-align:top;border-bottom:1px solid #ddd;padding:4px 8px;\">PRICE1</td><td style=\"vertical-align:top;border-bottom:1px solid #ddd;padding:4px 8px;\">2</td>", html);
        Assert.DoesNotContain("J1001", html); // administrative rows are counted, not listed
        Assert.Contains("Purged (1)", html);
    }

    [Fact]
    public void Text_says_the_same_with_word_marks()
    {
        var text = ChangeReportText.Render(ExampleDiffs.Diff());

        Assert.Contains("A0021  long: Ambulance service, outside state per mile, transport {+(Medicaid only)+}", text);
        Assert.Contains("[-Crutches-] {+=Crutches+}", text);
        Assert.Contains("C9999  Drug <b>& device</b> combination, per unit", text);
        Assert.Contains("Q0090", text);
        Assert.Contains("use instead: J7297 J7298", text);
        Assert.Contains("  PRICE1  2", text); // administrative changes counted per field, one row per field as in the HTML
    }

    [Fact]
    public void First_release_is_an_initial_load_not_a_list_of_additions()
    {
        var diff = ExampleDiffs.Initial();

        Assert.Equal("HCPCS 2018-01-01: initial load, 8 codes", ChangeReportSubject.For(diff));
        Assert.Contains("Initial load: 8 codes", ChangeReportHtml.Render(diff));
        Assert.DoesNotContain("A0021", ChangeReportHtml.Render(diff));
        Assert.Contains("Initial load: 8 codes", ChangeReportText.Render(diff));
    }
}
