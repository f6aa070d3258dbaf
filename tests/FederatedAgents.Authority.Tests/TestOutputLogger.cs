using Microsoft.Extensions.Logging;

namespace FederatedAgents.Authority.Tests;

/// <summary>Writes a test host's log lines to the current test's output.</summary>
internal sealed class TestOutputLogger : ILoggerProvider, ILogger
{
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            _output?.WriteLine($"[{logLevel}] ({eventId.Id}) {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished.
        }
    }

    public void Dispose()
    {
    }
}
