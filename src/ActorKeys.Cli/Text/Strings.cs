using System.Globalization;

namespace ActorKeys.Cli.Text;

/// <summary>
/// Every sentence actorkeys shows a person, one member per resource key (the member's name is the key), in the
/// current language (<see cref="Catalog"/>). Code gets its text only through here, so the completeness test can
/// check that each member has its resource in every language and each resource its member. Values are formatted
/// with the invariant culture: no other exists under InvariantGlobalization, and numbers here are counts and ports.
/// The help's descriptions of commands and options are not here: they stay English.
/// </summary>
public static class Strings
{
    /// <summary>--lang takes en or pt, not '{0}'</summary>
    public static string UnknownLanguage(string value) => Format(nameof(UnknownLanguage), value);

    /// <summary>{0}; run '{1} --help' for the usage.</summary>
    public static string UsageError(string problem, string commandLine) => Format(nameof(UsageError), problem, commandLine);

    /// <summary>'{0}' needs a subcommand ({1}); run '{0} --help' for the usage.</summary>
    public static string NeedsSubcommand(string commandLine, string subcommands) => Format(nameof(NeedsSubcommand), commandLine, subcommands);

    /// <summary>'{0}' is not a valid value for {1}</summary>
    public static string NotAValidValue(string value, string option) => Format(nameof(NotAValidValue), value, option);

    /// <summary>The configuration is not valid ({0}); fix the HOCON and try again.</summary>
    public static string ConfigurationNotValid(string reason) => Format(nameof(ConfigurationNotValid), reason);

    /// <summary>actorkeys stopped on an unexpected error ({0}); try again, and report it if it happens again.</summary>
    public static string UnexpectedError(string type) => Format(nameof(UnexpectedError), type);

    /// <summary>Connecting to the server at {0}</summary>
    public static string Connecting(string address) => Format(nameof(Connecting), address);

    /// <summary>Connecting to {0} (and 1 more node)</summary>
    public static string ConnectingToTwo(string address) => Format(nameof(ConnectingToTwo), address);

    /// <summary>Connecting to {0} (and {1} more nodes)</summary>
    public static string ConnectingToSeveral(string address, int more) => Format(nameof(ConnectingToSeveral), address, more);

    /// <summary>None of the servers at {0} answered within {1}; check that they are running …</summary>
    public static string ServerUnreachableAll(string addresses, string waited) => Format(nameof(ServerUnreachableAll), addresses, waited);

    /// <summary>No server at {0} accepted the connection …</summary>
    public static string ConnectionRefusedAll(string addresses) => Format(nameof(ConnectionRefusedAll), addresses);

    /// <summary>The servers at {0} accept connections but none answered within {1}: …</summary>
    public static string AcceptsButNoAnswerSeveral(string addresses, string waited) => Format(nameof(AcceptsButNoAnswerSeveral), addresses, waited);

    /// <summary>Enter your id:</summary>
    public static string EnterId => Get(nameof(EnterId));

    /// <summary>The input ended before a client id was given; type it when asked, or pass --id.</summary>
    public static string InputEndedBeforeId => Get(nameof(InputEndedBeforeId));

    /// <summary>Password of the keystore of '{0}':</summary>
    public static string KeystorePasswordPrompt(string id) => Format(nameof(KeystorePasswordPrompt), id);

    /// <summary>Session key verified</summary>
    public static string SessionKeyVerified => Get(nameof(SessionKeyVerified));

    /// <summary>Write the {0} message to send:</summary>
    public static string WriteMessage(string ordinal) => Format(nameof(WriteMessage), ordinal);

    /// <summary>Message received: '{0}'</summary>
    public static string MessageReceived(string text) => Format(nameof(MessageReceived), text);

    /// <summary>No answer to message {0}: it went out as the connection was lost and may not have been delivered; send it again if it matters.</summary>
    public static string NoAnswerToMessage(int number) => Format(nameof(NoAnswerToMessage), number);

    /// <summary>That line was not sent: it is {0} bytes of UTF-8 and a message may have at most {1} (actorkeys.max-message-bytes, less one byte for the record's kind); split it into shorter lines.</summary>
    public static string LineTooLong(int bytes, int maxBytes) => Format(nameof(LineTooLong), bytes, maxBytes);

    /// <summary>Connection lost ({0}); reconnecting</summary>
    public static string ConnectionLost(string reason) => Format(nameof(ConnectionLost), reason);

    /// <summary>Reconnected</summary>
    public static string Reconnected => Get(nameof(Reconnected));

    /// <summary>{0}; the message '{1}' may not have been delivered, so send it again once connected.</summary>
    public static string MayNotHaveBeenDelivered(string failure, string text) => Format(nameof(MayNotHaveBeenDelivered), failure, text);

    /// <summary>The server at {0} did not answer within {1}; check that it is running, then try again.</summary>
    public static string NoAnswerWithin(string address, string waited) => Format(nameof(NoAnswerWithin), address, waited);

    /// <summary>The server could not prove that it holds the key that issued this keystore; check that you are connecting to the right server.</summary>
    public static string ServerNotAuthenticated => Get(nameof(ServerNotAuthenticated));

    /// <summary>The server at {0} did not answer within {1}; check that it is running and that the address and port are right.</summary>
    public static string ServerUnreachable(string address, string waited) => Format(nameof(ServerUnreachable), address, waited);

    /// <summary>The message was not sent because {0}; send a shorter one.</summary>
    public static string MessageNotSent(string reason) => Format(nameof(MessageNotSent), reason);

    /// <summary>The session ended unexpectedly ({0}); connect again.</summary>
    public static string SessionEnded(string reason) => Format(nameof(SessionEnded), reason);

    /// <summary>The session reported something unexpected ({0}); connect again.</summary>
    public static string SessionUnexpected(string eventName) => Format(nameof(SessionUnexpected), eventName);

    /// <summary>{0} s</summary>
    public static string Seconds(string number) => Format(nameof(Seconds), number);

    /// <summary>.</summary>
    public static string DecimalSeparator => Get(nameof(DecimalSeparator));

    /// <summary>The server at {0} refused the connection (nothing listens on {1}:{2}); check that it is running and that the address and port are right.</summary>
    public static string ConnectionRefused(string address, string host, int port) => Format(nameof(ConnectionRefused), address, host, port);

    /// <summary>The server's host name '{0}' in {1} could not be resolved; check the name, or use the server's IP address.</summary>
    public static string HostNotResolved(string host, string address) => Format(nameof(HostNotResolved), host, address);

    /// <summary>The server at {0} accepts connections but did not answer within {1}: its host must be written exactly as the server listens on it (akka.remote.dot-netty.tcp.hostname, 127.0.0.1 by default, not localhost), so copy the address from the server's banner.</summary>
    public static string AcceptsButNoAnswer(string address, string waited) => Format(nameof(AcceptsButNoAnswer), address, waited);

    /// <summary>The server does not speak this protocol version (unsupported-version); use a matching ActorKeys release.</summary>
    public static string RejectUnsupportedVersion => Get(nameof(RejectUnsupportedVersion));

    /// <summary>This keystore was issued by a different server (wrong-server); connect to the server that issued it or ask for a new keystore.</summary>
    public static string RejectWrongServer => Get(nameof(RejectWrongServer));

    /// <summary>The server did not accept this keystore's access key (authentication-failed); ask the server operator to provision this client again.</summary>
    public static string RejectAuthenticationFailed => Get(nameof(RejectAuthenticationFailed));

    /// <summary>The server rejected the connection as stale or replayed (stale-or-replayed); check that this machine's clock is correct and try again.</summary>
    public static string RejectStaleOrReplayed => Get(nameof(RejectStaleOrReplayed));

    /// <summary>The server is busy (busy); try again in a moment.</summary>
    public static string RejectBusy => Get(nameof(RejectBusy));

    /// <summary>The server rejected a malformed handshake (protocol-violation); check the client id and use a matching ActorKeys release.</summary>
    public static string RejectProtocolViolation => Get(nameof(RejectProtocolViolation));

    /// <summary>The server revoked the access key of client '{0}'; ask its operator for a new keystore.</summary>
    public static string AccessRevoked(string clientId) => Format(nameof(AccessRevoked), clientId);

    /// <summary>Cluster members as this node saw them at {0}:</summary>
    public static string ClusterStatusHeading(string time) => Format(nameof(ClusterStatusHeading), time);

    /// <summary>{0}  {1}  {2}  master keys: {3}{4}</summary>
    public static string ClusterMemberLine(string address, string status, string reachability, string keyIds, string self) =>
        Format(nameof(ClusterMemberLine), address, status, reachability, keyIds, self);

    /// <summary>Cluster core on {0} (members only: keep this port private)</summary>
    public static string ClusterCoreOn(string address) => Format(nameof(ClusterCoreOn), address);

    /// <summary>Master key {0} is current, but cluster member(s) {1} do not hold it yet: …</summary>
    public static string CurrentKeyNotOnEveryMember(string keyId, string members) => Format(nameof(CurrentKeyNotOnEveryMember), keyId, members);

    public static string ClusterReachable => Get(nameof(ClusterReachable));
    public static string ClusterUnreachable => Get(nameof(ClusterUnreachable));
    public static string ClusterThisNode => Get(nameof(ClusterThisNode));

    /// <summary>No cluster membership is recorded in {0}: …</summary>
    public static string ClusterNoMembers(string registry) => Format(nameof(ClusterNoMembers), registry);

    /// <summary>Serving on {0} (Ctrl+C to finish)</summary>
    public static string ServingOn(string address) => Format(nameof(ServingOn), address);

    /// <summary>User '{0}': '{1}'</summary>
    public static string UserSaid(string clientId, string text) => Format(nameof(UserSaid), clientId, text);

    /// <summary>--port must be between 0 and 65535.</summary>
    public static string PortOutOfRange => Get(nameof(PortOutOfRange));

    /// <summary>Port {0} is already in use; stop whatever listens there, or choose another port with --port.</summary>
    public static string PortInUse(int port) => Format(nameof(PortInUse), port);

    /// <summary>'{0}' has an IPv6 address, which --server does not take yet; use the server's host name or IPv4 address, such as 127.0.0.1:4053.</summary>
    public static string ServerIpv6(string value) => Format(nameof(ServerIpv6), value);

    /// <summary>'{0}' is not a valid --server value; write it as HOST:PORT, such as 127.0.0.1:4053, or as the server's address, such as akka.tcp://actorkeys-server@127.0.0.1:4053.</summary>
    public static string ServerInvalid(string value) => Format(nameof(ServerInvalid), value);

    /// <summary>Master key {0} kept in memory; keystores for clients 1 and 2 in {1}</summary>
    public static string DemoKeys(string keyId, string folder) => Format(nameof(DemoKeys), keyId, folder);

    /// <summary>Both clients verified their session keys and received their echoes.</summary>
    public static string DemoDone => Get(nameof(DemoDone));

    /// <summary>The demo's server did not answer after a reconnection; run the demo again.</summary>
    public static string DemoNoAnswer => Get(nameof(DemoNoAnswer));

    /// <summary>demo</summary>
    public static string DemoLabel => Get(nameof(DemoLabel));

    /// <summary>server</summary>
    public static string ServerLabel => Get(nameof(ServerLabel));

    /// <summary>client {0}</summary>
    public static string ClientLabel(string id) => Format(nameof(ClientLabel), id);

    /// <summary>The master key file {0} already exists and was left unchanged; use 'actorkeys provision' to add clients, or move it away first to start over.</summary>
    public static string MasterKeyExists(string path) => Format(nameof(MasterKeyExists), path);

    /// <summary>The master key file {0} was not found; run 'actorkeys init' to create it, or give its path with --master-key.</summary>
    public static string MasterKeyNotFound(string path) => Format(nameof(MasterKeyNotFound), path);

    /// <summary>Wrote master key: {0} (keyId {1}, protection {2})</summary>
    public static string WroteMasterKey(string path, string keyId, string protection) => Format(nameof(WroteMasterKey), path, keyId, protection);

    /// <summary>Wrote keystore for client '{0}': {1} (epoch {2}, issuer {3}, protection {4})</summary>
    public static string WroteKeystore(string id, string path, uint epoch, string issuer, string protection) => Format(nameof(WroteKeystore), id, path, epoch, issuer, protection);

    /// <summary>none</summary>
    public static string ProtectionNone => Get(nameof(ProtectionNone));

    /// <summary>No client id was given; name at least one client, such as 1.</summary>
    public static string NoClientId => Get(nameof(NoClientId));

    /// <summary>'{0}' starts with '-', which is not issued because it would read as an option on every command line that names it; choose an id that starts with an ASCII letter or digit.</summary>
    public static string IdStartsWithDash(string id) => Format(nameof(IdStartsWithDash), id);

    /// <summary>'{0}' is not a valid client id; use 1 to 64 ASCII letters (a-z, A-Z), digits, '.', '_' or '-', not starting with '.'.</summary>
    public static string BadClientId(string id) => Format(nameof(BadClientId), id);

    /// <summary>The keystore {0} already exists and was left unchanged; move it away first if you really mean to issue it again.</summary>
    public static string KeystoreExists(string path) => Format(nameof(KeystoreExists), path);

    /// <summary>--password-per-keystore only applies with --protect; add --protect, or leave --password-per-keystore out.</summary>
    public static string PerKeystoreNeedsProtect => Get(nameof(PerKeystoreNeedsProtect));

    /// <summary>The keystore password is the master key's password, which every client would then be told; run the command again and give the keystores a password of their own.</summary>
    public static string KeystorePasswordIsMasters => Get(nameof(KeystorePasswordIsMasters));

    /// <summary>Password of the master key:</summary>
    public static string MasterPasswordPrompt => Get(nameof(MasterPasswordPrompt));

    /// <summary>New password for the master key:</summary>
    public static string NewMasterPasswordPrompt => Get(nameof(NewMasterPasswordPrompt));

    /// <summary>New password for the client keystores:</summary>
    public static string NewKeystoresPasswordPrompt => Get(nameof(NewKeystoresPasswordPrompt));

    /// <summary>New password for the keystore of '{0}':</summary>
    public static string NewKeystorePasswordPrompt(string id) => Format(nameof(NewKeystorePasswordPrompt), id);

    /// <summary>Repeat the password:</summary>
    public static string RepeatPasswordPrompt => Get(nameof(RepeatPasswordPrompt));

    /// <summary>The two passwords differ; run the command again and type the same password twice.</summary>
    public static string PasswordsDiffer => Get(nameof(PasswordsDiffer));

    /// <summary>An empty password protects nothing; give a non-empty password, or leave out --protect.</summary>
    public static string EmptyPassword => Get(nameof(EmptyPassword));

    /// <summary>No password was given for a protected key file; type it when asked, or give it as one line on standard input.</summary>
    public static string NoPasswordGiven => Get(nameof(NoPasswordGiven));

    /// <summary>Interrupted at the password prompt; nothing was written, run the command again to continue.</summary>
    public static string InterruptedAtPassword => Get(nameof(InterruptedAtPassword));

    /// <summary>Keystore:   {0}</summary>
    public static string InspectKeystore(string path) => Format(nameof(InspectKeystore), path);

    /// <summary>Client id:  {0}</summary>
    public static string InspectClientId(string id) => Format(nameof(InspectClientId), id);

    /// <summary>Epoch:      {0}</summary>
    public static string InspectEpoch(uint epoch) => Format(nameof(InspectEpoch), epoch);

    /// <summary>Issuer:     {0}</summary>
    public static string InspectIssuer(string issuer) => Format(nameof(InspectIssuer), issuer);

    /// <summary>Protection: {0}</summary>
    public static string InspectProtection(string protection) => Format(nameof(InspectProtection), protection);

    /// <summary>Created:    {0}</summary>
    public static string InspectCreated(string created) => Format(nameof(InspectCreated), created);

    /// <summary>The configuration file {0} is a folder; give the file itself with --config, such as {1}, or leave --config out to use the defaults.</summary>
    public static string ConfigIsFolder(string path, string defaultFile) => Format(nameof(ConfigIsFolder), path, defaultFile);

    /// <summary>The configuration file {0} does not exist; give an existing file with --config, or leave --config out to use the defaults.</summary>
    public static string ConfigMissing(string path) => Format(nameof(ConfigMissing), path);

    /// <summary>it could not be read; check its permissions</summary>
    public static string ConfigUnreadable => Get(nameof(ConfigUnreadable));

    /// <summary>The configuration {0} is not valid ({1}); fix it, or leave --config out to use the defaults.</summary>
    public static string ConfigInvalid(string path, string reason) => Format(nameof(ConfigInvalid), path, reason);

    /// <summary>a quoted string on line {0} is not closed</summary>
    public static string HoconStringNotClosed(int line) => Format(nameof(HoconStringNotClosed), line);

    /// <summary>the '{0}' on line {1} closes nothing that is open</summary>
    public static string HoconClosesNothing(char bracket, int line) => Format(nameof(HoconClosesNothing), bracket, line);

    /// <summary>the '{0}' on line {1} does not close the '{2}' opened on line {3}</summary>
    public static string HoconMismatched(char bracket, int line, char opened, int openedLine) => Format(nameof(HoconMismatched), bracket, line, opened, openedLine);

    /// <summary>the '{0}' on line {1} is never closed</summary>
    public static string HoconNeverClosed(char bracket, int line) => Format(nameof(HoconNeverClosed), bracket, line);

    /// <summary>'{0}' is not a setting: only akka.* and actorkeys.* keys are read</summary>
    public static string NotASetting(string key) => Format(nameof(NotASetting), key);

    /// <summary>'{0}' is not an ActorKeys setting (the README's Configuration section lists them)</summary>
    public static string NotAnActorKeysSetting(string key) => Format(nameof(NotAnActorKeysSetting), key);

    /// <summary>{0} is a group of settings, so it takes {{ ... }}, not a value</summary>
    public static string GroupNotValue(string key) => Format(nameof(GroupNotValue), key);

    /// <summary>{0} is an object, not {1}</summary>
    public static string ValueIsObject(string key, string expected) => Format(nameof(ValueIsObject), key, expected);

    /// <summary>{0} is a list, not {1}</summary>
    public static string ValueIsList(string key, string expected) => Format(nameof(ValueIsList), key, expected);

    /// <summary>{0} = '{1}' is not {2}</summary>
    public static string BadSettingValue(string key, string value, string expected) => Format(nameof(BadSettingValue), key, value, expected);

    /// <summary>a non-empty string</summary>
    public static string ExpectedText => Get(nameof(ExpectedText));

    /// <summary>a string</summary>
    public static string ExpectedMaybeEmptyText => Get(nameof(ExpectedMaybeEmptyText));

    /// <summary>a name of ASCII letters, digits, '-' and '_'</summary>
    public static string ExpectedName => Get(nameof(ExpectedName));

    /// <summary>a positive duration such as 10s or 500ms</summary>
    public static string ExpectedDuration => Get(nameof(ExpectedDuration));

    /// <summary>a whole number above 0</summary>
    public static string ExpectedCount => Get(nameof(ExpectedCount));

    /// <summary>a size such as 64KiB</summary>
    public static string ExpectedBytes => Get(nameof(ExpectedBytes));

    /// <summary>on or off</summary>
    public static string ExpectedSwitch => Get(nameof(ExpectedSwitch));

    /// <summary>an address such as akka.tcp://actorkeys-server@127.0.0.1:4053</summary>
    public static string ExpectedServerAddress => Get(nameof(ExpectedServerAddress));

    /// <summary>a list of addresses such as ["akka.tcp://actorkeys-server@127.0.0.1:4053"]</summary>
    public static string ExpectedServerAddressList => Get(nameof(ExpectedServerAddressList));

    /// <summary>a port from 0 to 65535</summary>
    public static string ExpectedPort => Get(nameof(ExpectedPort));

    public static string ExpectedHttpAddress => Get(nameof(ExpectedHttpAddress));

    public static string LogLevelChoices => Get(nameof(LogLevelChoices));

    public static string HealthFileIsAFolder(string path) => Format(nameof(HealthFileIsAFolder), path);

    public static string HealthFileFolderMissing(string path) => Format(nameof(HealthFileFolderMissing), path);
    /// <summary>The registry {0} was not found; run 'actorkeys init' to create it, or give its path with --registry or actorkeys.server.registry-path.</summary>
    public static string RegistryNotFound(string path) => Format(nameof(RegistryNotFound), path);

    /// <summary>The registry {0} is damaged (it is not an ActorKeys registry of this version, or fails SQLite's integrity check); restore it from a backup.</summary>
    public static string RegistryDamaged(string path) => Format(nameof(RegistryDamaged), path);

    /// <summary>The registry {0} can be read or changed by other users, or is not a regular file; run 'chmod 600 {0}' (and on its -wal and -shm files) and try again.</summary>
    public static string RegistryInsecure(string path) => Format(nameof(RegistryInsecure), path);

    /// <summary>The registry {0} could not be opened or created; check that you own it and its folder and try again.</summary>
    public static string RegistryUnusable(string path) => Format(nameof(RegistryUnusable), path);

    /// <summary>The registry {0} already exists and was left unchanged; move it away first if you really mean to start over.</summary>
    public static string RegistryExists(string path) => Format(nameof(RegistryExists), path);

    /// <summary>The registry {0} stayed locked by another command for 5 s; try again.</summary>
    public static string RegistryBusy(string path) => Format(nameof(RegistryBusy), path);

    /// <summary>Client '{0}' has never been issued a keystore; check the id with 'actorkeys clients list'.</summary>
    public static string ClientNotInRegistry(string id) => Format(nameof(ClientNotInRegistry), id);

    /// <summary>Client '{0}' already has a keystore; issue the next one with 'actorkeys clients rotate {0}'.</summary>
    public static string ClientAlreadyInRegistry(string id) => Format(nameof(ClientAlreadyInRegistry), id);

    /// <summary>Client '{0}' has used every epoch; give this client a new id.</summary>
    public static string EpochsExhausted(string id) => Format(nameof(EpochsExhausted), id);

    /// <summary>The registry has no master key {0}; see the keyIds with 'actorkeys clients list'.</summary>
    public static string MasterKeyNotInRegistry(string keyId) => Format(nameof(MasterKeyNotInRegistry), keyId);

    /// <summary>The registry already has the master key {0}; nothing was changed.</summary>
    public static string MasterKeyAlreadyInRegistry(string keyId) => Format(nameof(MasterKeyAlreadyInRegistry), keyId);

    /// <summary>The master key {0} is the current one and was not retired; run 'actorkeys master rotate' first.</summary>
    public static string CurrentMasterKeyNotRetired(string keyId) => Format(nameof(CurrentMasterKeyNotRetired), keyId);

    /// <summary>The registry's current master key {0} is not in the master key file; give the right file with --master-key or actorkeys.server.master-key-path.</summary>
    public static string CurrentMasterKeyNotInFile(string keyId) => Format(nameof(CurrentMasterKeyNotInFile), keyId);

    /// <summary>The registry names no current master key; restore it from a backup.</summary>
    public static string NoCurrentMasterKey => Get(nameof(NoCurrentMasterKey));

    /// <summary>'{0}' is not a master keyId; give its 16 lowercase hex digits as 'actorkeys clients list' shows them.</summary>
    public static string BadKeyId(string value) => Format(nameof(BadKeyId), value);

    /// <summary>Wrote registry: {0}</summary>
    public static string WroteRegistry(string path) => Format(nameof(WroteRegistry), path);

    /// <summary>The keystore {0} already exists and was left unchanged; pass --force to replace it, or --keystores to write the new one elsewhere.</summary>
    public static string KeystoreExistsUseForce(string path) => Format(nameof(KeystoreExistsUseForce), path);

    /// <summary>Revoked client '{0}': its keystores below epoch {1} are no longer accepted.</summary>
    public static string ClientRevoked(string id, uint minimum) => Format(nameof(ClientRevoked), id, minimum);

    /// <summary>Client '{0}' is now at epoch {1}; its older keystores are no longer accepted.</summary>
    public static string ClientRotated(string id, uint epoch) => Format(nameof(ClientRotated), id, epoch);

    /// <summary>Added master key {0} to {2} as the current key; {1} is retiring (still accepted) until 'actorkeys master retire {1}'.</summary>
    public static string MasterRotated(string newKeyId, string oldKeyId, string path) => Format(nameof(MasterRotated), newKeyId, oldKeyId, path);

    /// <summary>Retired master key {0}: it is no longer accepted, and it was removed from {1}.</summary>
    public static string MasterRetired(string keyId, string path) => Format(nameof(MasterRetired), keyId, path);

    /// <summary>id epoch minimum state issued last seen master key</summary>
    public static string ClientsListHeader => Get(nameof(ClientsListHeader));

    /// <summary>active</summary>
    public static string StateActive => Get(nameof(StateActive));

    /// <summary>revoked</summary>
    public static string StateRevoked => Get(nameof(StateRevoked));

    /// <summary>never</summary>
    public static string Never => Get(nameof(Never));

    /// <summary>{0} (retiring)</summary>
    public static string OnRetiringKey(string keyId) => Format(nameof(OnRetiringKey), keyId);

    /// <summary>No client has been issued a keystore yet.</summary>
    public static string NoClients => Get(nameof(NoClients));

    /// <summary>Master keys:</summary>
    public static string MasterKeysHeading => Get(nameof(MasterKeysHeading));

    /// <summary>  {0}  {1} since {2}</summary>
    public static string MasterKeyLine(string keyId, string state, string changed) => Format(nameof(MasterKeyLine), keyId, state, changed);

    /// <summary>current</summary>
    public static string MasterStateCurrent => Get(nameof(MasterStateCurrent));

    /// <summary>retiring</summary>
    public static string MasterStateRetiring => Get(nameof(MasterStateRetiring));

    /// <summary>retired</summary>
    public static string MasterStateRetired => Get(nameof(MasterStateRetired));

    /// <summary>Client '{0}': epoch {1}, minimum valid epoch {2}, {3}; issued {4} by master key {5}; last seen {6}</summary>
    public static string ClientSummary(string id, uint epoch, uint minimum, string state, string issued, string keyId, string lastSeen) => Format(nameof(ClientSummary), id, epoch, minimum, state, issued, keyId, lastSeen);

    /// <summary>Audit:</summary>
    public static string AuditHeading => Get(nameof(AuditHeading));

    /// <summary>  {0}  {1}  epoch {2}  master key {3}</summary>
    public static string AuditLine(string at, string action, string epoch, string keyId) => Format(nameof(AuditLine), at, action, epoch, keyId);

    /// <summary>--nodes takes a number of nodes from 1 to {0}</summary>
    public static string ClusterNodesOutOfRange(int max) => Format(nameof(ClusterNodesOutOfRange), max);

    /// <summary>'{0}' is not an IP address or a host name for --hosts; separate them with commas, as in --hosts 10.0.0.5,node1.internal</summary>
    public static string ClusterHostNotValid(string host) => Format(nameof(ClusterHostNotValid), host);

    /// <summary>The cluster certificates cannot be written because {0} is a file, not a folder; give --out a folder.</summary>
    public static string ClusterOutNotAFolder(string path) => Format(nameof(ClusterOutNotAFolder), path);

    /// <summary>The cluster file {0} already exists, so nothing was written; choose another --out folder, or move that one away first to start over.</summary>
    public static string ClusterFileExists(string path) => Format(nameof(ClusterFileExists), path);

    /// <summary>Wrote the cluster CA: certificate {0}, private key {1} (keep it off the nodes), valid until {2}</summary>
    public static string ClusterAuthorityWritten(string certificate, string key, string validUntil) => Format(nameof(ClusterAuthorityWritten), certificate, key, validUntil);

    /// <summary>Wrote node '{0}': certificate {1}, private key {2}, valid until {3}</summary>
    public static string ClusterNodeWritten(string node, string certificate, string key, string validUntil) => Format(nameof(ClusterNodeWritten), node, certificate, key, validUntil);

    private static string Get(string key) => Catalog.Get(key);

    private static string Format(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);
}
