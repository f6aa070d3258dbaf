using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FederatedAgents.Gateway.Configuration;

/// <summary>
/// One configuration section being read: typed values whose problems are recorded (with the full key and
/// the fix) instead of thrown, so that one read reports every error at once.
/// </summary>
internal readonly struct ConfigNode(IConfigurationSection section, ConfigErrors errors)
{
    public string Path => section.Path;

    public bool Exists => section.Exists();

    public ConfigErrors Errors => errors;

    public ConfigNode this[string key] => new(section.GetSection(key), errors);

    public string Key(string child) => ConfigurationPath.Combine(section.Path, child);

    public void Error(string key, string problemAndFix) => errors.Add(Key(key), problemAndFix);

    /// <summary>Reports every child this section has that is not one of <paramref name="known"/> (a typo would otherwise be ignored).</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(child.Path, $"is not a gateway setting; remove it or use one of {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>This section's own value, trimmed; null when absent or blank.</summary>
    public string? Text()
    {
        if (section.Value is null && section.GetChildren().Any())
        {
            errors.Add(section.Path, "must be a single value, not a section or list.");
            return null;
        }

        return string.IsNullOrWhiteSpace(section.Value) ? null : section.Value.Trim();
    }

    public string? String(string key) => this[key].Text();

    public string RequiredString(string key, string fix)
    {
        var value = String(key);
        if (value is null && !this[key].Exists)
        {
            Error(key, $"is missing; {fix}");
        }
        else if (value is null)
        {
            Error(key, $"is empty; {fix}");
        }

        return value ?? "";
    }

    /// <summary>A positive duration written as <c>[d.]hh:mm:ss[.fff]</c>.</summary>
    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        Error(key, $"'{text}' is not a positive duration; write it as [d.]hh:mm:ss[.fff], e.g. 00:00:30 for 30 seconds.");
        return null;
    }

    public int? Integer(string key, int minimum)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        Error(key, $"'{text}' is not a whole number of at least {minimum}; write e.g. {Math.Max(minimum, 100)}.");
        return null;
    }

    public bool? Boolean(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(key, $"'{text}' is not true or false.");
        return null;
    }

    /// <summary>The entries of a list (<c>key:0</c>, <c>key:1</c>, …), which must be numbered from 0 without gaps.</summary>
    public IReadOnlyList<ConfigNode> List(string key)
    {
        var list = section.GetSection(key);
        if (!string.IsNullOrEmpty(list.Value))
        {
            errors.Add(list.Path, $"must be a list (in JSON [ ... ]; in environment variables {list.Path.Replace(":", "__", StringComparison.Ordinal)}__0, __1, ...), not a single value.");
            return [];
        }

        var entries = new SortedList<int, IConfigurationSection>();
        foreach (var child in list.GetChildren())
        {
            if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                entries[index] = child;
            }
            else
            {
                errors.Add(child.Path, $"is not a list position; entries of {list.Path} are numbered 0, 1, 2, ...");
            }
        }

        for (var expected = 0; expected < entries.Count; expected++)
        {
            if (entries.Keys[expected] != expected)
            {
                errors.Add(entries.Values[expected].Path, $"leaves a gap in the list; number the entries of {list.Path} 0 to {entries.Count - 1}.");
                return [];
            }
        }

        var errorsSink = errors;
        return [.. entries.Values.Select(entry => new ConfigNode(entry, errorsSink))];
    }

    /// <summary>True when <paramref name="key"/> is absent or an empty list (not when it is there in a wrong shape).</summary>
    public bool IsMissingOrEmpty(string key)
    {
        var child = section.GetSection(key);
        return string.IsNullOrEmpty(child.Value) && !child.GetChildren().Any();
    }

    /// <summary>A list of non-empty strings.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        var values = new List<string>();
        foreach (var entry in List(key))
        {
            var value = entry.Text();
            if (value is null)
            {
                errors.Add(entry.Path, "is empty; remove the entry or give it a value.");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }
}
