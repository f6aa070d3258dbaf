using System.Buffers;
using FederatedAgents.Grpc.AspNetCore.Binding;

namespace FederatedAgents.Grpc.AspNetCore.Calls;

/// <summary>What the four call shapes share: the method, its service activator and request parsing.</summary>
internal abstract class ServerCallHandler<TService, TRequest, TResponse> : ServerCallHandler
    where TService : class
{
    protected ServerCallHandler(Method<TRequest, TResponse> method, ServiceActivator<TService> activator, ServerSettings server)
        : base(method.FullName, server)
    {
        GrpcMethod = method;
        Activator = activator;
        var marshaller = method.RequestMarshaller;
        Deserialize = payload => Parse(marshaller, payload);
    }

    protected Method<TRequest, TResponse> GrpcMethod { get; }

    protected ServiceActivator<TService> Activator { get; }

    protected Func<ReadOnlySequence<byte>, TRequest> Deserialize { get; }

    /// <summary>The one request message of a unary or server-streaming call; zero or several fail with INTERNAL.</summary>
    protected async ValueTask<TRequest> ReadSingleRequestAsync(HttpServerCallContext call, CancellationToken cancellationToken)
    {
        var (count, request) = await call.ReadSingleMessageAsync(Deserialize, cancellationToken);
        return count switch
        {
            1 => request,
            0 => throw new RpcException(StatusCode.Internal,
                $"The request of {Method} ended without a message; this method takes exactly one request message."),
            _ => throw new RpcException(StatusCode.Internal,
                $"The request of {Method} carries more than one message; this method takes exactly one request message."),
        };
    }

    /// <summary>Runs a method that returns one response, then writes that response.</summary>
    protected async Task RespondAsync<TArgument>(
        HttpServerCallContext call, Func<TService, TArgument, ServerCallContext, Task<TResponse>> invoker, TArgument argument)
    {
        var service = Activator.Activate(call.HttpContext);
        TResponse response;
        try
        {
            response = await invoker(service, argument, call);
        }
        finally
        {
            await Activator.ReleaseAsync(service);
        }

        await call.CompleteWithMessageAsync(
            response ?? throw new InvalidOperationException($"The handler of {Method} returned a null response message."),
            GrpcMethod.ResponseMarshaller);
    }

    /// <summary>Runs a method that writes a response stream.</summary>
    protected async Task StreamAsync<TArgument>(
        HttpServerCallContext call, Func<TService, TArgument, IServerStreamWriter<TResponse>, ServerCallContext, Task> invoker, TArgument argument)
    {
        var responses = new HttpResponseStreamWriter<TResponse>(call, GrpcMethod.ResponseMarshaller);
        var service = Activator.Activate(call.HttpContext);
        try
        {
            await invoker(service, argument, responses, call);
        }
        finally
        {
            await Activator.ReleaseAsync(service);
        }
    }

    private static TRequest Parse(Marshaller<TRequest> marshaller, ReadOnlySequence<byte> payload)
    {
        try
        {
            return marshaller.Deserialize(payload);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message."), innerException: ex);
        }
    }
}
