using CodeUpdates.Ingestion.ReleaseFiles.Tabular;

namespace CodeUpdates.Tests.ReleaseFiles.Tabular;

public sealed class TextDecoderTests
{
    [Theory]
    [InlineData("", new[] { "" })]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\rb\r", new[] { "a", "b" })]
    [InlineData("a\n\n", new[] { "a", "" })]
    [InlineData("a\r\r\nb", new[] { "a", "", "b" })]
    [InlineData("\r", new[] { "" })]
    [InlineData("\n\r\n", new[] { "", "" })]
    public void Lines_split_on_crlf_lf_and_cr_without_a_last_empty_line(string text, string[] expected) =>
        Assert.Equal(expected, TextDecoder.Lines(text));
}
