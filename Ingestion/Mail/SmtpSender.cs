using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

/// <summary>Sends one message; the seam that lets tests fail the mail server on purpose.</summary>
public interface ISmtpSender
{
    /// <summary>
    /// Returns once the server accepted the message; throws <see cref="RecipientRefusedException"/>
    /// when the server refused its recipient, and any other exception when it could not be sent.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The server refused the recipient (RCPT TO answered 4xx or 5xx); other recipients are not affected.</summary>
public sealed class RecipientRefusedException(string recipient, int statusCode, string reply, Exception? innerException = null)
    : Exception($"the mail server refused {recipient}: {statusCode} {reply}", innerException)
{
    public string Recipient { get; } = recipient;

    public int StatusCode { get; } = statusCode;

    /// <summary>5xx: the address will not work on a retry either (no such mailbox, policy).</summary>
    public bool IsPermanent => StatusCode is >= 500 and < 600;
}

/// <summary>MailKit over the <see cref="SmtpOptions"/>: one connection per message, so no connection outlives a failure.</summary>
public sealed class MailKitSmtpSender(IOptions<SmtpOptions> options) : ISmtpSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, Secure(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? string.Empty, cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            throw new RecipientRefusedException(ex.Mailbox?.Address ?? string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), (int)ex.StatusCode, ex.Message, ex);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public static SecureSocketOptions Secure(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}
