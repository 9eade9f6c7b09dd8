using CodeUpdates.Ingestion;
using CodeUpdates.Functions.Access;
using CodeUpdates.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every HTTP function runs behind the sign-in check; the platform in front has authenticated the caller.
builder.UseMiddleware<AccessMiddleware>();

// Inside the sign-in check: a route that fails for want of storage answers 503 with Retry-After.
builder.UseMiddleware<StorageOutageMiddleware>();
builder.Services.AddCodeUpdates(builder.Configuration);
builder.Build().Run();
