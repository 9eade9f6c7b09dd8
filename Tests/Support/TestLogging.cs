using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeUpdates.Tests.Support;

/// <summary>
/// Logging of the hosts a test starts inside the test process: none reaches the console, so a green run prints
/// only the results and a failing test's own message is not buried in the hosts' info lines and the stack traces
/// of faults the tests provoke on purpose. A test that asserts on logs adds its own provider after this.
/// Child processes' output is kept by <see cref="LocalProcess"/>.
/// </summary>
public static class TestLogging
{
    public static void Quiet(IServiceCollection services) => services.AddLogging(logging => logging.ClearProviders());
}
