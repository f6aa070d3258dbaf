using System.Reflection;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Grpc.AspNetCore.Binding;

/// <summary>The C# method a proto method binds to, by call shape, and how to describe it in errors.</summary>
internal sealed class MethodSignature
{
    private readonly (Type Type, string Name)[] _parameters;

    private MethodSignature(string name, Type returnType, (Type Type, string Name)[] parameters)
    {
        Name = name;
        ReturnType = returnType;
        _parameters = parameters;
    }

    public string Name { get; }

    public Type ReturnType { get; }

    public static MethodSignature For(MethodDescriptor method, Type request, Type response)
    {
        var context = (typeof(ServerCallContext), "context");
        var reader = (typeof(IAsyncStreamReader<>).MakeGenericType(request), "requestStream");
        var writer = (typeof(IServerStreamWriter<>).MakeGenericType(response), "responseStream");
        var single = (request, "request");
        var unaryResult = typeof(Task<>).MakeGenericType(response);
        return Method.TypeOf(method) switch
        {
            MethodType.Unary => new(method.Name, unaryResult, [single, context]),
            MethodType.ServerStreaming => new(method.Name, typeof(Task), [single, writer, context]),
            MethodType.ClientStreaming => new(method.Name, unaryResult, [reader, context]),
            _ => new(method.Name, typeof(Task), [reader, writer, context]),
        };
    }

    public bool Matches(MethodInfo candidate)
    {
        if (candidate.ReturnType != ReturnType || candidate.IsGenericMethodDefinition)
        {
            return false;
        }

        var parameters = candidate.GetParameters();
        if (parameters.Length != _parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType != _parameters[i].Type)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() =>
        $"public {Format(ReturnType)} {Name}({string.Join(", ", _parameters.Select(p => $"{Format(p.Type)} {p.Name}"))})";

    public static string Describe(MethodInfo method) =>
        $"{Format(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{Format(p.ParameterType)} {p.Name}"))})";

    private static string Format(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Format))}>";
    }
}
