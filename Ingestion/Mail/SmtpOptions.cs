using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>Configuration section <c>Smtp</c>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    /// <summary>The sender, as an address or "Name &lt;address&gt;".</summary>
    public string From { get; set; } = string.Empty;

    public string? User { get; set; }

    /// <summary>In Azure an app setting holding a Key Vault reference, never a literal in a file.</summary>
    public string? Password { get; set; }

    /// <summary>StartTls by default so that a forgotten setting never sends in clear text; local smtp4dev uses None.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// How long one message may take, from connect to quit, before it is given up (its claim
    /// freed, the queue retries). Shorter than <see cref="ClaimLease"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How old a <c>sending</c> claim in the sent-mail ledger must be before another delivery
    /// may take it over. Longer than one send can take (see <see cref="Timeout"/>), so a live
    /// sender is never doubled; short enough that the queue's retries reach it.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>True when neither the server nor the sender is set: the app runs without mail.</summary>
    public bool IsUnset => string.IsNullOrWhiteSpace(Host) && string.IsNullOrWhiteSpace(From);

    /// <summary>What keeps these settings from sending mail, each naming its app setting; empty when they can send.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("Smtp__Host is not set");
        }

        if (Port is <= 0 or > 65535)
        {
            problems.Add($"Smtp__Port {Port} is not a TCP port");
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            problems.Add("Smtp__From is not set");
        }
        else if (!MailboxAddress.TryParse(From, out _))
        {
            problems.Add($"Smtp__From '{From}' is not a mail address");
        }

        if (Timeout <= TimeSpan.Zero || Timeout >= ClaimLease)
        {
            // Otherwise a send still running when its claim goes stale could be doubled by a retry.
            problems.Add($"Smtp__Timeout ({Timeout}) must be above zero and shorter than Smtp__ClaimLease ({ClaimLease})");
        }

        return problems;
    }
}
