namespace ActorKeys.Protocol;

/// <summary>
/// Client id rules: 1–64 characters of [A-Za-z0-9._-], not starting with '.'.
/// The id becomes part of a file name (keystore_id_&lt;id&gt;.json), so the rules also keep paths safe.
/// </summary>
public static class ClientId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id[0] == '.')
        {
            return false;
        }
        foreach (var c in id)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a message a person can act on.</summary>
    public static string Validate(string? id, string parameterName = "id")
    {
        if (!IsValid(id))
        {
            throw new ArgumentException(
                "A client id is 1 to 64 characters of letters, digits, '.', '_' or '-', and does not start with '.'.",
                parameterName);
        }
        return id!;
    }
}
