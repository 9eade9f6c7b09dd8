using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CodeUpdates.Ingestion.Mail;

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
