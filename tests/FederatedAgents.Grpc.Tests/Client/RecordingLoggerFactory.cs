using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Grpc.Tests.Client;

/// <summary>A logger factory that keeps every formatted message with its event id.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
{
    public ConcurrentQueue<(EventId Id, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, formatter(state, exception)));

    public void Dispose()
    {
    }
}
