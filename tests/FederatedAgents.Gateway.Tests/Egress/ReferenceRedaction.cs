using System.Collections;
using FederatedAgents.Grpc.Classification;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FederatedAgents.Gateway.Tests.Egress;

/// <summary>
/// What the egress filter must produce, computed independently of it: clears the fields of a parsed
/// message through the generated types' reflection, reading the options through the compiled extensions,
/// and names the cleared fields in the filter's path format.
/// </summary>
internal static class ReferenceRedaction
{
    public static (T Redacted, ISet<string> RemovedPaths) Redact<T>(T message, params DataClassification[] visible)
        where T : IMessage<T>, IDeepCloneable<T>
    {
        var copy = message.Clone();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        Redact(copy, [.. visible, DataClassification.Public], "", removed);
        return (copy, removed);
    }

    private static void Redact(IMessage message, HashSet<DataClassification> visible, string prefix, HashSet<string> removed)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var path = Join(prefix, Segment(field));
            if (!Classes(field).All(visible.Contains))
            {
                if (IsSet(message, field))
                {
                    removed.Add(path);
                }

                field.Accessor.Clear(message);
                continue;
            }

            var value = field.Accessor.GetValue(message);
            var nested = field.IsMap ? ((IDictionary)value).Values.OfType<IMessage>()
                : field.IsRepeated ? ((IList)value).OfType<IMessage>()
                : value is IMessage single ? [single] : [];
            foreach (var item in nested)
            {
                Redact(item, visible, path, removed);
            }
        }
    }

    private static IEnumerable<DataClassification> Classes(FieldDescriptor field)
    {
        yield return field.GetOptions()?.GetExtension(OptionsExtensions.Classification) ?? DataClassification.Public;
        var valueField = field.IsMap ? field.MessageType.FindFieldByNumber(2) : field;
        if (valueField.FieldType is FieldType.Message or FieldType.Group)
        {
            yield return valueField.MessageType.GetOptions()?.GetExtension(OptionsExtensions.MessageClassification) ?? DataClassification.Public;
        }
    }

    private static bool IsSet(IMessage message, FieldDescriptor field)
    {
        var value = field.Accessor.GetValue(message);
        if (field.IsMap || field.IsRepeated)
        {
            return ((ICollection)value).Count > 0;
        }

        return field.HasPresence
            ? field.Accessor.HasValue(message)
            : !Equals(value, field.Accessor.GetValue(message.Descriptor.Parser.ParseFrom(ByteString.Empty)));
    }

    private static string Segment(FieldDescriptor field) =>
        field.IsMap ? field.Name + "{}" : field.IsRepeated ? field.Name + "[]" : field.Name;

    private static string Join(string prefix, string segment) => prefix.Length == 0 ? segment : $"{prefix}.{segment}";
}
