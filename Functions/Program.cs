using CodeUpdates.Functions.Access;
using CodeUpdates.Ingestion;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every HTTP function runs behind the sign-in check; the platform in front has authenticated the caller.
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddCodeUpdates(builder.Configuration);
builder.Build().Run();
