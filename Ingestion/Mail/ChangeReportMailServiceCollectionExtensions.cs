using Azure.Data.Tables;
using CodeUpdates.Ingestion.Releases;
using CodeUpdates.Ingestion.Reports;
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
        // Mail is optional: SmtpSettingsCheck says at start what is missing, and the handler sends nothing without it.
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<ChangeReportOptions>().Configure(o => o.PublicBaseUrl = configuration[ChangeReportOptions.PublicBaseUrlSetting]);
        services.AddHostedService<SmtpSettingsCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SubscriberStore(sp.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton(sp => new SentMailLedger(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISmtpSender, MailKitSmtpSender>();
        services.TryAddSingleton<ReportMailer>();
        services.TryAddScoped<SendChangeReportHandler>();
        return services;
    }
}
