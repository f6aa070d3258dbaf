using FederatedAgents.Grpc.Compression;
using FederatedAgents.Grpc.Protocol;
using Microsoft.Extensions.Options;

namespace FederatedAgents.Grpc.AspNetCore;

/// <summary>Stops startup on a gRPC option that cannot work, naming the option and the fix.</summary>
internal sealed class GrpcServiceOptionsValidator : IValidateOptions<GrpcServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, GrpcServiceOptions options)
    {
        List<string>? failures = null;
        if (options.MaxReceiveMessageSize is <= 0)
        {
            (failures ??= []).Add(
                $"GrpcServiceOptions.MaxReceiveMessageSize is {options.MaxReceiveMessageSize}; set it to a positive number of bytes "
                + $"(default {GrpcProtocol.DefaultMaxReceiveMessageSize}) or to null for no limit.");
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            (failures ??= []).Add(
                $"GrpcServiceOptions.MaxSendMessageSize is {options.MaxSendMessageSize}; set it to a positive number of bytes or to null (default) for no limit.");
        }

        if (options.ResponseCompressionAlgorithm is { } algorithm && !MessageCompression.Providers.ContainsKey(algorithm))
        {
            (failures ??= []).Add(
                $"GrpcServiceOptions.ResponseCompressionAlgorithm '{algorithm}' is not supported; use one of "
                + $"{string.Join(", ", MessageCompression.Providers.Keys)}, or null for no compression.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
