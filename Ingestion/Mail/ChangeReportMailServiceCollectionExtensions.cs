using Azure.Data.Tables;
using CodeUpdates.Ingestion.Subscribers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CodeUpdates.Ingestion.Mail;

public static class ChangeReportMailServiceCollectionExtensions
{
    /// <summary>
    /// The subscriber list and the change-report mailer. Expects a <see cref="TableServiceClient"/>
    /// (registered through Microsoft.Extensions.Azure) and an <c>IReleaseChangesSource</c>.
    /// </summary>
    public static IServiceCollection AddChangeReportMail(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated when first used, not at start: a host that never mails (a CLI diff) needs no SMTP settings.
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "Smtp:Host is required")
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be a TCP port")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Smtp:From must be a mail address");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SubscriberStore(sp.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton(sp => new SentMailLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISmtpSender, MailKitSmtpSender>();
        services.TryAddScoped<SendChangeReportHandler>();
        return services;
    }
}
