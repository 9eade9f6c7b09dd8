using CodeUpdates.Ingestion.Access;
using System.Net;
using CodeUpdates.Functions.Access;

namespace CodeUpdates.Cli.Serve;

/// <summary><c>serve</c>'s side of <see cref="AccessGate"/>: every call to an HTTP function passes it first, as the Functions middleware makes calls do in Azure.</summary>
public static class ServeAccess
{
    public static void UseAccessGate(this WebApplication app)
    {
        var policy = app.Services.GetRequiredService<AccessPolicy>();
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<HttpFunction>() is { } function
                && FunctionClearance.Of(function.Method) is { } required
                && !await AccessGate.AdmitAsync(http, policy, required, callerIsLocal: http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)))
            {
                return;
            }

            await next(http);
        });
    }
}
