using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>
/// Says at start whether change reports can be mailed, naming each missing or wrong SMTP
/// setting. Mail is optional: the app runs either way, and without it a report message is
/// logged and dropped instead of failing five times into the poison queue.
/// </summary>
public sealed class SmtpSettingsCheck(IOptions<SmtpOptions> options, ILogger<SmtpSettingsCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var problems = smtp.Problems();
        if (problems.Count == 0)
        {
            logger.LogInformation("Change reports are mailed through {Host}:{Port} as {From}", smtp.Host, smtp.Port, smtp.From);
        }
        else if (smtp.IsUnset)
        {
            logger.LogWarning("SMTP is not configured (set Smtp__Host and Smtp__From): the app runs, but change reports will not be sent");
        }
        else
        {
            logger.LogError("SMTP settings are incomplete ({Problems}): change reports will not be sent until they are fixed", string.Join("; ", problems));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
