using FederatedAgents.Agents.Contracts.Credit.V1;
using FederatedAgents.Agents.Samples.Credit;
using FederatedAgents.Grpc;
using FederatedAgents.Grpc.Client;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Agents.Samples.Loan;

/// <summary>
/// Calls the bureau's credit agent through the bank's own gateway: the call names the partner in
/// <see cref="FederationMetadata.TargetOrganization"/> and carries the loan agent's own token (the one it was
/// called with, which names it as actor); the gateway exchanges it for the partner and never sends it on.
/// </summary>
internal sealed class CreditClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly LoanAgentOptions _options;
    private readonly TimeProvider _time;

    public CreditClient(IOptions<LoanAgentOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var gateway = _options.GatewayAddress
            ?? throw new InvalidOperationException("LoanAgentOptions.GatewayAddress is not set; set it to the organization gateway's local listener, e.g. http://127.0.0.1:7445.");
        _channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { TimeProvider = time });
    }

    public async Task<AssessResponse> AssessAsync(AssessRequest request, string? authorization, CancellationToken cancellationToken)
    {
        var headers = new Metadata().Add(FederationMetadata.TargetOrganization, _options.CreditOrganization);
        if (authorization is not null)
        {
            headers.Add(FederationMetadata.Authorization, authorization);
        }

        var deadline = _time.GetUtcNow().Add(_options.CreditTimeout).UtcDateTime;
        return await _channel.CreateCallInvoker().AsyncUnaryCall(CreditAgent.AssessMethod, new CallOptions(headers, deadline, cancellationToken), request);
    }

    public void Dispose() => _channel.Dispose();
}
