namespace CodeUpdates.Ingestion.Mail;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, by name).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}
