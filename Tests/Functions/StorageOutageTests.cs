using System.Text.Json;
using CodeUpdates.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeUpdates.Tests.Functions;

/// <summary>What a route that needs storage answers while storage is unreachable, as both hosts execute it.</summary>
public sealed class StorageOutageTests
{
    [Theory]
    [InlineData("/api/releases", "application/problem+json")]
    [InlineData("/api/fhir/metadata", "application/fhir+json")]
    public async Task Answers_503_with_retry_after_in_the_error_form_of_the_route(string path, string contentType)
    {
        var (status, headers, body) = await ExecuteAsync(path);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(((int)StorageOutage.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), headers["Retry-After"].ToString());
        Assert.StartsWith(contentType, headers.ContentType.ToString(), StringComparison.Ordinal);
        if (contentType == "application/fhir+json")
        {
            Assert.Equal("OperationOutcome", body.GetProperty("resourceType").GetString());
            var issue = body.GetProperty("issue")[0];
            Assert.Equal("transient", issue.GetProperty("code").GetString());
            Assert.Contains("try again", issue.GetProperty("diagnostics").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(503, body.GetProperty("status").GetInt32());
            Assert.Contains("try again", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_request_the_server_refused_to_read_is_not_storage_being_away()
    {
        // Kestrel's "request body too large" is an IOException, as storage's network failures are.
        Assert.False(StorageOutage.IsStorageUnreachable(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)));
        Assert.False(StorageOutage.IsStorageUnreachable(new AggregateException(new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest))));
        Assert.True(StorageOutage.IsStorageUnreachable(new IOException("connection reset")));
    }

    private static async Task<(int Status, IHeaderDictionary Headers, JsonElement Body)> ExecuteAsync(string path)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Path = path;
        using var body = new MemoryStream();
        http.Response.Body = body;

        await StorageOutage.Answer().ExecuteAsync(http);

        return (http.Response.StatusCode, http.Response.Headers, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }
}
