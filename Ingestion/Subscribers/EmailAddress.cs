using MimeKit;

namespace CodeUpdates.Ingestion.Subscribers;

/// <summary>Which addresses the subscriber list accepts.</summary>
public static class EmailAddress
{
    /// <summary>
    /// A bare address (no display name, no route) that MimeKit parses to itself, with one '@',
    /// a non-empty local part and a dotted domain. MimeKit alone accepts forms such as
    /// "a@b" or "Name &lt;a@b.c&gt;" that are legal RFC 5322 but never what an admin means.
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(value, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        var at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsLetterOrDigit(c) || c == '-') && l[0] != '-' && l[^1] != '-');
    }
}
