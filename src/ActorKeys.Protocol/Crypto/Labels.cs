namespace ActorKeys.Protocol.Crypto;

/// <summary>The BLAKE2b personalisation labels of PROTOCOL.md, each at most 16 ASCII bytes.</summary>
public static class Labels
{
    public const string KeyId = "AK1 keyid";
    public const string Access = "AK1 access";
    public const string KeyCheck = "AK1 keycheck";
    public const string Hello = "AK1 hello";
    public const string Transcript = "AK1 transcript";
    public const string Session = "AK1 session";
    public const string ClientToServer = "AK1 c2s";
    public const string ServerToClient = "AK1 s2c";
    public const string ConfirmServer = "AK1 confirm s";
    public const string ConfirmClient = "AK1 confirm c";
    public const string Chain = "AK1 chain";
    public const string Revoked = "AK1 revoked";
    public const string Rekey = "AK1 rekey";
}
