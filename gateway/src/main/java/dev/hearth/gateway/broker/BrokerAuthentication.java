package dev.hearth.gateway.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import dev.hearth.gateway.yaml.Secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Authenticates clients of the embedded broker: with configured credentials every client must present
 * them; without, anonymous clients are allowed (the configuration only permits that on loopback).
 */
final class BrokerAuthentication implements ExtensionMain {
    private final Optional<String> username;
    private final Optional<Secret> password;

    BrokerAuthentication(Optional<String> username, Optional<Secret> password) {
        this.username = username;
        this.password = password;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        SimpleAuthenticator authenticator = (in, out) -> {
            if (username.isEmpty() || matches(in.getConnectPacket().getUserName(), in.getConnectPacket().getPassword())) {
                out.authenticateSuccessfully();
            } else {
                out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
        };
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    }

    private boolean matches(Optional<String> user, Optional<ByteBuffer> pass) {
        if (user.isEmpty() || pass.isEmpty() || !user.get().equals(username.get())) return false;
        ByteBuffer copy = pass.get().duplicate();
        byte[] given = new byte[copy.remaining()];
        copy.get(given);
        return MessageDigest.isEqual(given, password.orElseThrow().value().getBytes(StandardCharsets.UTF_8));
    }
}
