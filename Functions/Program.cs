using CodeUpdates.Functions.Http;
using CodeUpdates.Ingestion;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StorageOutageMiddleware>();
builder.Services.AddCodeUpdates(builder.Configuration);
builder.Build().Run();
