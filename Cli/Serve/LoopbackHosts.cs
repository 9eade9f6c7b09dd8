using CodeUpdates.Ingestion.Access;
using CodeUpdates.Ingestion.Fhir;
using System.Net;
using CodeUpdates.Functions.Http;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CodeUpdates.Cli.Serve;

/// <summary>
/// Plain <c>serve</c> (<see cref="AccessMode.Local"/>) makes every caller on this machine admin, and a browser on
/// this machine is such a caller: a web page whose host name an attacker re-points at 127.0.0.1 (DNS rebinding)
/// would be admin too. Such a request still names the attacker's host, so this <c>serve</c> answers only requests
/// to loopback names (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any port) and to the names in
/// <see cref="AllowedHostsSetting"/>; any other gets 421. Behind sign-in (<c>--require-auth</c>) the proxy in front decides.
/// </summary>
public static class LoopbackHosts
{
    /// <summary>Further host names this <c>serve</c> answers to, separated by <c>;</c> or <c>,</c> (environment: <see cref="AllowedHostsVariable"/>).</summary>
    public const string AllowedHostsSetting = "CodeUpdates:AllowedHosts";

    public const string AllowedHostsVariable = "CodeUpdates__AllowedHosts";

    public static void UseLoopbackHostCheck(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AccessPolicy>().Mode != AccessMode.Local)
        {
            return;
        }

        var configured = (app.Configuration[AllowedHostsSetting] ?? string.Empty)
            .Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.Use(async (http, next) =>
        {
            var host = http.Request.Host.Host;
            if (IsLoopbackName(host) || configured.Contains(host))
            {
                await next(http);
                return;
            }

            var detail = $"This serve makes callers on this machine admin, so it answers only to the host names localhost, 127.0.0.1 and [::1] " +
                $"and to those in {AllowedHostsVariable}; this request names host '{http.Request.Host}'. Call it by one of those names, or add the name to {AllowedHostsVariable}.";
            var refusal = FhirHttp.IsFhirPath(http.Request.Path)
                ? FhirHttp.Respond(http.Request, FhirAnswer.Error(StatusCodes.Status421MisdirectedRequest, OperationOutcome.IssueType.Forbidden, detail))
                : HttpAnswers.Problem(StatusCodes.Status421MisdirectedRequest, "Host not answered here", detail);
            await refusal.ExecuteAsync(http);
        });
    }

    /// <summary><c>localhost</c> or a loopback address (<c>127.0.0.0/8</c>, <c>::1</c>), as a Host header names it.</summary>
    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
