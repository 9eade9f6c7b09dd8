using CodeUpdates.Ingestion.Answers;
using CodeUpdates.Ingestion.ReleaseFiles;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
using CodeUpdates.Tests.Mail;
using System.Text;
using CodeUpdates.Functions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moq;

namespace CodeUpdates.Tests.Releases;

/// <summary>
/// <c>GET /api/releases/{system}/{effective}/changes</c>: a published release never changes, so each format is
/// computed once and revalidation computes nothing.
/// </summary>
public sealed class ReleaseChangesDownloadTests
{
    private static readonly DateOnly Effective = ExampleDiffs.Diff().Current.Effective;

    private readonly Mock<IReleaseChangesSource> source = new(MockBehavior.Strict);

    public ReleaseChangesDownloadTests()
    {
        source.Setup(s => s.GetPublishedChangesAsync(CodeSystem.Hcpcs, Effective, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PublishedChanges(ExampleDiffs.Current().Identity, ExampleDiffs.Diff()));
        source.Setup(s => s.FindPublishedAsync(CodeSystem.Hcpcs, Effective, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PublishedRelease(CodeSystem.Hcpcs, Effective, ExampleDiffs.CurrentSha, ExampleDiffs.PriorSha));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task Two_requests_for_a_format_compute_it_once(string format)
    {
        var functions = Functions();

        var first = Assert.IsType<FileContentHttpResult>((await functions.Changes(Request(format), "hcpcs", IsoDate.Format(Effective), default)).Result);
        var second = Assert.IsType<FileContentHttpResult>((await functions.Changes(Request(format), "hcpcs", IsoDate.Format(Effective), default)).Result);

        Assert.Equal(first.FileContents.ToArray(), second.FileContents.ToArray());
        source.Verify(s => s.GetPublishedChangesAsync(CodeSystem.Hcpcs, Effective, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_caller_that_holds_the_tag_gets_304_and_nothing_is_computed()
    {
        var functions = Functions();
        var tag = ContentTag.Of(ExampleDiffs.CurrentSha, ExampleDiffs.PriorSha, "csv", ReleaseCatalog.ChangesDocumentVersion);
        var request = Request("csv");
        request.Headers.IfNoneMatch = tag;

        var answer = await functions.Changes(request, "hcpcs", IsoDate.Format(Effective), default);

        Assert.Equal(StatusCodes.Status304NotModified, Assert.IsType<StatusCodeHttpResult>(answer.Result).StatusCode);
        Assert.Equal(tag, request.HttpContext.Response.Headers.ETag.ToString());
        source.Verify(s => s.GetPublishedChangesAsync(It.IsAny<CodeSystem>(), It.IsAny<DateOnly>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_csv_starts_with_a_byte_order_mark_so_spreadsheet_programs_read_it_as_utf8()
    {
        var csv = Assert.IsType<FileContentHttpResult>((await Functions().Changes(Request("csv"), "hcpcs", IsoDate.Format(Effective), default)).Result);

        var bytes = csv.FileContents.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.StartsWith(string.Join(',', ChangeReportTable.Header), Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    private ReleaseFunctions Functions() =>
        new(new ReleaseCatalog(new ReleaseStore(new TableServiceClient("UseDevelopmentStorage=true"), TimeProvider.System), source.Object));

    private static HttpRequest Request(string format)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?format=" + format);
        return http.Request;
    }
}
