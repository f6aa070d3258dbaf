using FederatedAgents.Gateway.Configuration;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using FederatedAgents.Grpc.Health;
using Microsoft.Extensions.Logging;

namespace FederatedAgents.Gateway.Health;

/// <summary>
/// Active health checks of one agent: every <see cref="HealthCheckConfig.Interval"/> (on the injected clock) a
/// <c>grpc.health.v1.Health/Check</c> to each endpoint over the agent's own connections. SERVING marks an endpoint
/// healthy; any other answer, an error or no answer within the timeout marks it unhealthy. A round still running
/// when the next is due is not overlapped.
/// </summary>
internal sealed partial class HealthProber : IAsyncDisposable
{
    private readonly string _agent;
    private readonly HealthCheckConfig _config;
    private readonly EndpointSet _endpoints;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly (AgentEndpoint Endpoint, GrpcChannel Channel)[] _channels;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private Task _round = Task.CompletedTask;
    private int _running;
    private int _disposed;

    public HealthProber(string agent, HealthCheckConfig config, EndpointSet endpoints, HttpMessageHandler handler, TimeProvider time, ILogger logger)
    {
        _agent = agent;
        _config = config;
        _endpoints = endpoints;
        _time = time;
        _logger = logger;
        var options = new GrpcChannelOptions { HttpHandler = handler, TimeProvider = time };
        _channels = [.. endpoints.All.Select(endpoint => (endpoint, GrpcChannel.ForAddress(endpoint.Address, options)))];
    }

    public void Start() =>
        _timer = _time.CreateTimer(static state => ((HealthProber)state!).OnTimer(), this, TimeSpan.Zero, _config.Interval);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        await _stopping.CancelAsync();
        await _round;
        foreach (var (_, channel) in _channels)
        {
            channel.Dispose();
        }

        _stopping.Dispose();
    }

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            _round = RunRoundAsync();
        }
    }

    private async Task RunRoundAsync()
    {
        try
        {
            await Task.WhenAll(_channels.Select(pair => ProbeAsync(pair.Endpoint, pair.Channel)));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ProbeAsync(AgentEndpoint endpoint, GrpcChannel channel)
    {
        EndpointHealth health;
        string outcome;
        try
        {
            var deadline = _time.GetUtcNow().UtcDateTime + _config.Timeout;
            var response = await new HealthClient(channel).CheckAsync(_config.Service, new CallOptions(deadline: deadline, cancellationToken: _stopping.Token));
            health = response.Status == HealthCheckResponse.Types.ServingStatus.Serving ? EndpointHealth.Healthy : EndpointHealth.Unhealthy;
            outcome = response.Status.ToString();
        }
        catch (RpcException ex)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            health = EndpointHealth.Unhealthy;
            outcome = $"{ex.StatusCode}: {ex.Status.Detail}";
        }

        if (_endpoints.Report(endpoint, health))
        {
            if (health == EndpointHealth.Healthy)
            {
                Log.EndpointHealthy(_logger, _agent, endpoint.Address);
            }
            else
            {
                Log.EndpointUnhealthy(_logger, _agent, endpoint.Address, outcome);
            }
        }
    }
}
