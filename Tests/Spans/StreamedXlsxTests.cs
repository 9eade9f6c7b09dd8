using CodeUpdates.Ingestion.Spans;

namespace CodeUpdates.Tests.Spans;

/// <summary>
/// The streamed workbooks written to a body that refuses synchronous writes, as a real response does: the whole
/// real 2019 HCPCS code set and the 2018–2019 span, each with a row a JSON row.
/// </summary>
public sealed class StreamedXlsxTests(CmsSpanVersions cms) : IClassFixture<CmsSpanVersions>
{
    [Fact]
    public async Task The_whole_code_set_as_xlsx_streams_to_a_body_that_refuses_synchronous_writes()
    {
        var json = await SpanAnswers.JsonAsync(await cms.CodeSets.CodeSetAsync("hcpcs", "2019-01-01", "json", null, CancellationToken.None));
        var answer = await cms.CodeSets.CodeSetAsync("hcpcs", "2019-01-01", "xlsx", null, CancellationToken.None);
        using var body = new AsyncOnlyStream();

        await answer.Value!.WriteAsync(body, CancellationToken.None);

        var sheet = SpanAnswers.FirstSheet(body.ToArray());
        Assert.Equal(json.GetProperty("codes").GetArrayLength(), sheet.Count - 1);
        Assert.True(sheet.Count > 5_000, $"{sheet.Count} rows");
    }

    [Fact]
    public async Task A_span_s_changes_as_xlsx_stream_to_a_body_that_refuses_synchronous_writes()
    {
        var json = await SpanAnswers.JsonAsync(await cms.Spans.ChangesAsync("hcpcs", "2017-06-01", "2019-06-01", "json", null, CancellationToken.None));
        var answer = await cms.Spans.ChangesAsync("hcpcs", "2017-06-01", "2019-06-01", "xlsx", null, CancellationToken.None);
        using var body = new AsyncOnlyStream();

        await answer.Value!.WriteAsync(body, CancellationToken.None);

        var sheet = SpanAnswers.FirstSheet(body.ToArray());
        Assert.Equal(json.GetProperty("changes").GetArrayLength(), sheet.Count - 1);
        Assert.True(sheet.Count > 100, $"{sheet.Count} rows");
    }
}
