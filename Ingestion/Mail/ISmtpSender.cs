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
