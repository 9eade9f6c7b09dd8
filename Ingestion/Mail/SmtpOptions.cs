namespace CodeUpdates.Ingestion.Mail;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, by name).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

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

    /// <summary>How long one SMTP operation may take before it fails (and the queue retries).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How old a <c>sending</c> claim in the sent-mail ledger must be before another delivery
    /// may take it over. Longer than one send can take (see <see cref="Timeout"/>), so a live
    /// sender is never doubled; short enough that the queue's retries reach it.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(3);
}
