using System.Text.Json;

namespace FederatedAgents.Tokens.Delegation;

/// <summary>
/// Reads and writes the delegation claims: nested <c>act</c> (outermost = current actor), each
/// actor issuer-qualified (an <c>iss</c> inside <c>act</c>, defaulting to the token's issuer),
/// <c>may_act</c>, <c>cnf</c> with <c>x5t#S256</c>, and <c>sub_id</c> for a subject of another issuer.
/// </summary>
internal static class DelegationClaims
{
    private const string SubjectIdentifierFormat = "format";
    private const string IssuerSubjectFormat = "iss_sub";

    /// <summary>Writes <c>act</c> with the last actor outermost; nothing when there are no actors.</summary>
    public static void WriteActors(Utf8JsonWriter writer, IReadOnlyList<Principal> actors)
    {
        for (var i = actors.Count - 1; i >= 0; i--)
        {
            writer.WritePropertyName(ClaimNames.Actor);
            writer.WriteStartObject();
            WritePrincipalMembers(writer, actors[i]);
        }

        for (var i = 0; i < actors.Count; i++)
        {
            writer.WriteEndObject();
        }
    }

    public static void WritePrincipal(Utf8JsonWriter writer, string claim, Principal principal)
    {
        writer.WritePropertyName(claim);
        writer.WriteStartObject();
        WritePrincipalMembers(writer, principal);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The chain of a token whose <c>iss</c>, <c>sub</c> and scopes were already read: actors,
    /// <c>may_act</c>, <c>cnf</c>, <c>txn</c> and <c>purpose</c>. Null with the problem when one is malformed
    /// or <c>cnf</c> uses a confirmation method other than <c>x5t#S256</c>, which nothing here could enforce.
    /// </summary>
    public static DelegationChain? ReadChain(JsonElement claims, Principal subject, IReadOnlyList<string> scopes, out string? problem)
    {
        problem = null;
        var actors = ReadSubjectIdentifier(claims, ref subject, ref problem) ? ReadActors(claims, subject.Issuer, out problem) : null;
        if (actors is null
            || !ReadOptionalString(claims, ClaimNames.Transaction, out var transaction, ref problem)
            || !ReadOptionalString(claims, ClaimNames.Purpose, out var purpose, ref problem)
            || !ReadThumbprint(claims, out var thumbprint, ref problem))
        {
            return null;
        }

        Principal? mayAct = null;
        if (claims.TryGetProperty(ClaimNames.MayAct, out var mayActElement))
        {
            mayAct = ReadPrincipal(mayActElement, subject.Issuer, ClaimNames.MayAct, out problem);
            if (mayAct is null)
            {
                return null;
            }
        }

        return new DelegationChain(subject, actors)
        {
            Scopes = scopes,
            TransactionId = transaction,
            Purpose = purpose,
            CertificateThumbprint = thumbprint,
            MayAct = mayAct,
        };
    }

    /// <summary>Writes <c>sub_id</c> in the RFC 9493 <c>iss_sub</c> format: a subject another issuer identifies.</summary>
    public static void WriteSubjectIdentifier(Utf8JsonWriter writer, Principal subject)
    {
        writer.WriteStartObject(ClaimNames.SubjectIdentifier);
        writer.WriteString(SubjectIdentifierFormat, IssuerSubjectFormat);
        WritePrincipalMembers(writer, subject);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Replaces <paramref name="subject"/> with the one a <c>sub_id</c> of format <c>iss_sub</c> names, so a
    /// subject identified by another issuer keeps that issuer. Other formats identify the same subject in
    /// ways this library does not model and are left alone. False with the problem when malformed.
    /// </summary>
    private static bool ReadSubjectIdentifier(JsonElement claims, ref Principal subject, ref string? problem)
    {
        if (!claims.TryGetProperty(ClaimNames.SubjectIdentifier, out var subjectId))
        {
            return true;
        }

        if (subjectId.ValueKind != JsonValueKind.Object
            || !subjectId.TryGetProperty(SubjectIdentifierFormat, out var format)
            || !Jose.StrictJson.TryGetString(format, out var formatName))
        {
            problem = "claim 'sub_id' must be an object with a string 'format' (RFC 9493)";
            return false;
        }

        if (formatName != IssuerSubjectFormat)
        {
            return true;
        }

        if (!subjectId.TryGetProperty(ClaimNames.Issuer, out _))
        {
            problem = "claim 'sub_id' of format 'iss_sub' needs a non-empty string 'iss'";
            return false;
        }

        var named = ReadPrincipal(subjectId, subject.Issuer, ClaimNames.SubjectIdentifier, out problem);
        subject = named ?? subject;
        return named is not null;
    }

    /// <summary>Actors earliest first, or null with the problem.</summary>
    public static IReadOnlyList<Principal>? ReadActors(JsonElement claims, string tokenIssuer, out string? problem)
    {
        problem = null;
        var outermostFirst = new List<Principal>();
        var current = claims;
        while (current.TryGetProperty(ClaimNames.Actor, out var act))
        {
            if (ReadPrincipal(act, tokenIssuer, $"act (level {outermostFirst.Count + 1})", out problem) is not { } actor)
            {
                return null;
            }

            outermostFirst.Add(actor);
            current = act;
        }

        outermostFirst.Reverse();
        return outermostFirst;
    }

    /// <summary>An object with a string <c>sub</c> and optional string <c>iss</c>; other members are identity details this library ignores.</summary>
    public static Principal? ReadPrincipal(JsonElement element, string defaultIssuer, string what, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"claim '{what}' must be an object";
            return null;
        }

        if (!element.TryGetProperty(ClaimNames.Subject, out var sub) || !Jose.StrictJson.TryGetString(sub, out var subject) || subject.Length == 0)
        {
            problem = $"claim '{what}' needs a non-empty string 'sub'";
            return null;
        }

        var issuer = defaultIssuer;
        if (element.TryGetProperty(ClaimNames.Issuer, out var iss) && (!Jose.StrictJson.TryGetString(iss, out issuer) || issuer.Length == 0))
        {
            problem = $"claim '{what}' has an 'iss' that is not a non-empty string";
            return null;
        }

        return new Principal(subject, issuer);
    }

    private static bool ReadThumbprint(JsonElement claims, out string? thumbprint, ref string? problem)
    {
        thumbprint = null;
        if (!claims.TryGetProperty(ClaimNames.Confirmation, out var cnf))
        {
            return true;
        }

        if (cnf.ValueKind != JsonValueKind.Object
            || !cnf.TryGetProperty(ClaimNames.CertificateThumbprint, out var x5t)
            || !Jose.StrictJson.TryGetString(x5t, out var value)
            || Jose.StrictBase64Url.Decode(value) is not { Length: 32 })
        {
            problem = "claim 'cnf' must hold 'x5t#S256', a base64url SHA-256 certificate thumbprint (the only confirmation method enforced here)";
            return false;
        }

        thumbprint = value;
        return true;
    }

    private static bool ReadOptionalString(JsonElement claims, string name, out string? value, ref string? problem)
    {
        if (Jose.StrictJson.TryGetOptionalString(claims, name, out value))
        {
            return true;
        }

        problem = $"claim '{name}' must be a string";
        return false;
    }

    private static void WritePrincipalMembers(Utf8JsonWriter writer, Principal principal)
    {
        writer.WriteString(ClaimNames.Subject, principal.Subject);
        writer.WriteString(ClaimNames.Issuer, principal.Issuer);
    }
}
