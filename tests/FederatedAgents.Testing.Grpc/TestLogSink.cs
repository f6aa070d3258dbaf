using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Testing.Grpc;

/// <summary>Routes a test server's logs to the test output and keeps them for assertions.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Waits (bounded) until an entry with <paramref name="eventId"/> matching <paramref name="predicate"/> is logged.</summary>
    public async Task<LogEntry> WaitForAsync(int eventId, Func<LogEntry, bool>? predicate = null)
    {
        using var timeout = new CancellationTokenSource(FederatedAgents.Testing.TestTimeouts.Default);
        while (true)
        {
            var entry = _entries.FirstOrDefault(e => e.EventId == eventId && (predicate is null || predicate(e)));
            if (entry is not null)
            {
                return entry;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new SinkLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        _entries.Enqueue(entry);
        try
        {
            _output?.WriteLine($"[{entry.Level}] {entry.Category} ({entry.EventId}): {entry.Message}{(entry.Exception is null ? "" : Environment.NewLine + entry.Exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; the entry stays in Entries.
        }
    }

    public sealed record LogEntry(LogLevel Level, string Category, int EventId, string Message, Exception? Exception);

    private sealed class SinkLogger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Add(new LogEntry(logLevel, category, eventId.Id, formatter(state, exception), exception));
    }
}
