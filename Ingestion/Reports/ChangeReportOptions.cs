using CodeUpdates.Ingestion.ReleaseFiles;

namespace CodeUpdates.Ingestion.Reports;

/// <summary>Settings of the change reports (top-level settings, not a section).</summary>
public sealed class ChangeReportOptions
{
    /// <summary>The app setting that holds <see cref="PublicBaseUrl"/>.</summary>
    public const string PublicBaseUrlSetting = "PublicBaseUrl";

    /// <summary>
    /// Where people reach the web app (in Azure the function app's own https URL; <c>serve</c>
    /// its own URL). A mailed report links to its release's page there; without it the mail
    /// points to the attachment only.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><c>{PublicBaseUrl}/releases/{system}/{effective}</c>, or null without a base URL.</summary>
    public Uri? ReleasePage(CodeSystem system, DateOnly effective) =>
        Uri.TryCreate(PublicBaseUrl?.Trim().TrimEnd('/'), UriKind.Absolute, out var root) && root.Scheme is "http" or "https"
            ? new Uri($"{root.AbsoluteUri.TrimEnd('/')}/releases/{system.Name()}/{IsoDate.Format(effective)}")
            : null;
}
