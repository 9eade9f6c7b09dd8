using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// A real smtp4dev (the repository's pinned dotnet tool) bound to 127.0.0.1 on free ports, with
/// an in-memory database. Messages are read back through its REST API as raw MIME. Like a real
/// server that knows its mailboxes, it refuses (550) every recipient whose address contains
/// <see cref="RefusedMarker"/>.
/// </summary>
public sealed class Smtp4devFixture : IAsyncLifetime
{
    public const string RefusedMarker = "refused";

    private readonly HttpClient http = new();
    private LocalProcess? smtp4dev;

    public int SmtpPort { get; private set; } = LocalProcess.FreePort();

    public int WebPort { get; private set; } = LocalProcess.FreePort();

    public int ImapPort { get; private set; } = LocalProcess.FreePort();

    public int Pop3Port { get; private set; } = LocalProcess.FreePort();

    public Uri WebUrl => new($"http://127.0.0.1:{WebPort}/");

    public async Task InitializeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && smtp4dev is { HasExited: true })
            {
                // A port found free can be taken before smtp4dev binds it while other services start beside it: new ports, again.
                smtp4dev.Dispose();
                (SmtpPort, WebPort, ImapPort, Pop3Port) = (LocalProcess.FreePort(), LocalProcess.FreePort(), LocalProcess.FreePort(), LocalProcess.FreePort());
            }
        }

        http.BaseAddress = WebUrl;
    }

    private async Task StartAsync()
    {
        var appData = Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        smtp4dev = LocalProcess.Start(
            "dotnet",
            [
                "tool", "run", "smtp4dev", "--",
                "--db=", "--nousersettings", $"--baseappdatapath={appData}",
                "--hostname=localhost", "--bindaddress=127.0.0.1", "--tlsmode=None",
                $"--smtpport={SmtpPort}", $"--imapport={ImapPort}", $"--pop3port={Pop3Port}",
                $"--urls=http://127.0.0.1:{WebPort}", "--messagestokeep=1000",
            ],
            RepoPaths.Root,
            new Dictionary<string, string>
            {
                // smtp4dev's recipient check: a JavaScript expression, false refuses the recipient with 550.
                ["ServerOptions__RecipientValidationExpression"] = $"!recipient.toLowerCase().includes('{RefusedMarker}')",
            });
        await smtp4dev.WaitForPortsAsync([SmtpPort, WebPort], TimeSpan.FromSeconds(90));
    }

    /// <summary>DELETE /api/messages/*: every message gone.</summary>
    public async Task ClearAsync()
    {
        using var response = await http.DeleteAsync("api/messages/*");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GET /api/messages (paged) then GET /api/messages/{id}/raw for each, parsed with MimeKit.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync()
    {
        var page = await http.GetFromJsonAsync<JsonElement>("api/messages?pageSize=1000");
        var messages = new List<MimeMessage>();
        foreach (var summary in page.GetProperty("results").EnumerateArray())
        {
            var id = summary.GetProperty("id").GetString();
            await using var raw = await http.GetStreamAsync($"api/messages/{id}/raw");
            messages.Add(await MimeMessage.LoadAsync(raw));
        }

        return messages;
    }

    public Task DisposeAsync()
    {
        smtp4dev?.Dispose();
        http.Dispose();
        return Task.CompletedTask;
    }
}
