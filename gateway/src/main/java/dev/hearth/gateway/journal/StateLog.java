package dev.hearth.gateway.journal;

import dev.hearth.gateway.device.Value;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLDataException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The encoding of one row of {@code device_state_log}: the attribute values of one journal batch, in the batch's order.
 * Times are kept to the millisecond, as {@code device_state.last_changed} keeps them, so a value reads back the same
 * from the log as from the table it is later folded into.
 */
final class StateLog {
    /**
     * What the columns of {@code device_state} hold: the log takes nothing the table would refuse when the log is
     * folded into it (that would fail every later batch, not just this one).
     */
    static final int MAX_NAME = 64;
    static final int MAX_TEXT = dev.hearth.gateway.device.AttributeSpec.MAX_TEXT;

    private StateLog() {
    }

    static byte[] encode(Collection<AutomationStore.StoredState> states) throws SQLDataException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 48 * states.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(states.size());
            for (AutomationStore.StoredState s : states) {
                String text = s.value().toString();
                requireAtMost(s, "device id", s.device(), MAX_NAME);
                requireAtMost(s, "attribute name", s.attribute(), MAX_NAME);
                requireAtMost(s, "value", text, MAX_TEXT);
                out.writeUTF(s.device());
                out.writeUTF(s.attribute());
                out.writeByte(typeOf(s.value()));
                out.writeUTF(text);
                out.writeLong(s.lastChanged().toEpochMilli());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    static List<AutomationStore.StoredState> decode(byte[] row) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(row))) {
            int n = in.readInt();
            List<AutomationStore.StoredState> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String device = in.readUTF();
                String attribute = in.readUTF();
                char type = (char) in.readByte();
                String text = in.readUTF();
                Instant lastChanged = Instant.ofEpochMilli(in.readLong());
                out.add(new AutomationStore.StoredState(device, attribute, AutomationStore.value(String.valueOf(type), text), lastChanged));
            }
            return out;
        }
    }

    /** Refused as H2 would refuse it (SQLSTATE 22001), so that the batch's transaction is rolled back. */
    private static void requireAtMost(AutomationStore.StoredState s, String what, String text, int max) throws SQLDataException {
        if (text.length() > max) {
            throw new SQLDataException(s.device() + "." + s.attribute() + ": a " + what + " of " + text.length()
                    + " characters (at most " + max + " are stored)", "22001");
        }
    }

    /** The {@code value_type} letter of {@code device_state}. */
    static char typeOf(Value v) {
        return v instanceof Value.Bool ? 'b' : v instanceof Value.Number ? 'n' : 't';
    }
}
