using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Tests.Support;
using System.Net.Http.Json;

namespace CodeUpdates.Tests.Cli;

/// <summary>
/// <c>serve</c> as <c>dotnet run</c> and IDEs start it locally: in the Development environment,
/// where the host validates scopes. A drop must reach its subscribers through the triggers alone.
/// </summary>
[Collection(ServeProcessCollection.Name)]
[Trait(TestScope.Trait, TestScope.Integration)]
public sealed class ServeDevelopmentTests(AzuriteFixture azurite, Smtp4devFixture smtp4dev) : IClassFixture<AzuriteFixture>, IClassFixture<Smtp4devFixture>
{
    [Fact]
    public async Task In_Development_a_drop_is_published_by_its_trigger_and_mailed()
    {
        await smtp4dev.ClearAsync();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp4dev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__From"] = "codeupdates@example.org",
            ["Smtp__Security"] = "None",
        };

        // The sweep would pick the drop up after an hour: only the blob and queue triggers can publish and mail it in time.
        using var serve = await ServeProcess.StartAsync(azurite, sweepInterval: TimeSpan.FromHours(1), moreEnvironment: environment);
        var subscribed = await serve.Http.PutAsJsonAsync("/api/subscribers/coder%40example.org", new { systems = new[] { "hcpcs" } });
        Assert.True(subscribed.IsSuccessStatusCode, await subscribed.Content.ReadAsStringAsync());
        var source = "hcpcs/HCPC2019_CONTR_ANWEB.txt";
        await ServeProcess.UploadAsync(azurite, source, CmsFiles.Read(CmsFiles.Txt2019));

        var statuses = await serve.WaitForReleasesAsync(s => s.GetValueOrDefault(source) == ReleaseStatus.Published.Name(), TimeSpan.FromSeconds(60));
        Assert.True(statuses.GetValueOrDefault(source) == ReleaseStatus.Published.Name(), "not published by the trigger within 60 s:\n" + serve.Process.Output);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var mails = await smtp4dev.MessagesAsync();
        while (mails.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            mails = await smtp4dev.MessagesAsync();
        }

        var mail = Assert.Single(mails);
        Assert.Equal("coder@example.org", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("HCPCS 2019-01-01", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("from root provider", serve.Process.Output, StringComparison.Ordinal);
    }
}
