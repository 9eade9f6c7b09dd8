using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CodeUpdates.Ingestion.Http;

/// <summary>
/// Lets a function return the endpoints' <see cref="IResult"/> as the <see cref="IActionResult"/> the
/// Functions ASP.NET Core integration executes; the local host unwraps it and runs <see cref="Result"/> directly.
/// </summary>
public sealed class ResultAction(IResult result) : IActionResult
{
    public IResult Result => result;

    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
