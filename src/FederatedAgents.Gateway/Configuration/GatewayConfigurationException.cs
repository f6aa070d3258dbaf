namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// The gateway's configuration cannot be used. Thrown at startup, when the host is built (Kestrel's listeners are
/// read from it) or at <c>MapFederatedGateway</c>, whichever comes first. <see cref="Errors"/> lists every problem,
/// each naming its key (e.g. <c>Gateway:Agents:1:Endpoints:0</c>) and the fix. A reload with errors never throws: the gateway logs them and keeps its configuration.
/// </summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<string> errors)
        : base($"The gateway configuration has {errors.Count} error(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
