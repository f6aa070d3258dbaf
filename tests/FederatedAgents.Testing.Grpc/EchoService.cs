using FederatedAgents.Grpc;
using FederatedAgents.Grpc.AspNetCore;
using FederatedAgents.Testing.Echo;
using Google.Protobuf;

namespace FederatedAgents.Testing.Grpc;

/// <summary>
/// The Echo test service. Request fields steer each handler (wait for cancellation, fail, throw);
/// request metadata named <c>x-echo*</c> comes back in the response headers and trailers. Handlers
/// report to <see cref="CallObserver"/> under the request's message.
/// </summary>
[UnimplementedMethods("Unimplemented", "Outcome")]
public sealed class EchoService(CallObserver observer)
{
    public static readonly Google.Protobuf.Reflection.ServiceDescriptor Descriptor = EchoReflection.Descriptor.Services[0];

    public async Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await ObeyAsync(request, context);
        return Reply(request, 0);
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        try
        {
            for (var i = 0; i < request.ResponseCount; i++)
            {
                await responseStream.WriteAsync(Reply(request, i));
            }
        }
        catch (Exception ex)
        {
            observer.Signal("write-failed", request.Message, ex);
            throw;
        }

        await ObeyAsync(request, context);
    }

    public async Task<EchoResponse> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var messages = new List<string>();
        var last = new EchoRequest();
        try
        {
            await foreach (var request in requestStream.ReadAllAsync())
            {
                observer.Signal(CallEvents.Started, request.Message);
                messages.Add(request.Message);
                last = request;
            }
        }
        catch (OperationCanceledException)
        {
            observer.Signal(CallEvents.Cancelled, messages.FirstOrDefault() ?? "");
            throw;
        }
        finally
        {
            observer.Signal(CallEvents.Finished, messages.FirstOrDefault() ?? "");
        }

        await ObeyAsync(last, context);
        return new EchoResponse { Message = string.Join(",", messages), Received = messages.Count };
    }

    public async Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await ObeyAsync(request, context);
            await responseStream.WriteAsync(Reply(request, index++));
        }
    }

    private static EchoResponse Reply(EchoRequest request, int index) => new()
    {
        Message = request.Message,
        Index = index,
        Payload = request.ResponseSize > 0 ? ByteString.CopyFrom(new byte[request.ResponseSize]) : request.Payload,
    };

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo", StringComparison.Ordinal))
            {
                echoed.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }

        if (echoed.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoed);
        }
    }

    private async Task ObeyAsync(EchoRequest request, ServerCallContext context)
    {
        observer.Signal(CallEvents.Started, request.Message);
        try
        {
            if (request.WaitForCancellation)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    observer.Signal(CallEvents.Cancelled, request.Message);
                    throw;
                }
            }

            if (request.ThrowException)
            {
                throw new InvalidOperationException("secret detail from inside the handler");
            }

            if (request.StatusCode != 0)
            {
                throw new RpcException(new Status((StatusCode)request.StatusCode, request.StatusMessage),
                    new Metadata().Add("x-failure-reason", "requested"));
            }
        }
        finally
        {
            observer.Signal(CallEvents.Finished, request.Message);
        }
    }
}
