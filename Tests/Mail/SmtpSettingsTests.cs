using CodeUpdates.Ingestion;
using CodeUpdates.Ingestion.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CodeUpdates.Tests.Mail;

/// <summary>The SMTP settings are checked when the host starts: mail is optional, a half-set configuration is named.</summary>
public sealed class SmtpSettingsTests
{
    [Fact]
    public async Task A_missing_setting_is_named_at_start()
    {
        var logs = await StartAsync(new() { ["Smtp:Host"] = "smtp.example.org", ["Smtp:Port"] = "587" });

        var error = Assert.Single(logs, l => l.Level == LogLevel.Error);
        Assert.Contains("Smtp__From is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Smtp__Host", error.Message, StringComparison.Ordinal);
        Assert.Contains("change reports will not be sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_smtp_the_app_starts_and_says_once_that_reports_are_not_sent()
    {
        var logs = await StartAsync([]);

        var warning = Assert.Single(logs, l => l.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("change reports will not be sent", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_send_timeout_as_long_as_the_claim_lease_is_refused()
    {
        var logs = await StartAsync(new()
        {
            ["Smtp:Host"] = "smtp.example.org", ["Smtp:From"] = "codes@example.org", ["Smtp:Timeout"] = "00:05:00", ["Smtp:ClaimLease"] = "00:03:00",
        });

        Assert.Contains("Smtp__Timeout", Assert.Single(logs, l => l.Level == LogLevel.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_settings_say_where_mail_goes()
    {
        var logs = await StartAsync(new() { ["Smtp:Host"] = "smtp.example.org", ["Smtp:From"] = "CodeUpdates <codes@example.org>" });

        Assert.DoesNotContain(logs, l => l.Level >= LogLevel.Warning && true);
        Assert.Contains(logs, l => l.Message.Contains("smtp.example.org:587", StringComparison.Ordinal));
    }

    /// <summary>Starts the hosted services the product registers (no storage is touched) and returns what the SMTP check logged.</summary>
    private static async Task<IReadOnlyList<FakeLogRecord>> StartAsync(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddFakeLogging().AddCodeUpdates(configuration).BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>().OfType<SmtpSettingsCheck>())
        {
            await hosted.StartAsync(default);
        }

        return services.GetFakeLogCollector().GetSnapshot().Where(l => l.Category?.EndsWith(nameof(SmtpSettingsCheck), StringComparison.Ordinal) == true).ToArray();
    }
}
