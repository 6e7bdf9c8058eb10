package dev.hearth.gateway.home;

import dev.hearth.gateway.automation.run.AutomationEngine;
import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.automation.trace.AutomationRun;
import dev.hearth.gateway.automation.trace.RecentTraces;
import dev.hearth.gateway.bus.Addresses;
import dev.hearth.gateway.commands.CommandRequested;
import dev.hearth.gateway.commands.Commands;
import dev.hearth.gateway.journal.AutomationJournal;
import dev.hearth.gateway.message.PublishRefused;
import dev.hearth.gateway.journal.AutomationStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.List;
import java.util.Optional;

/** Answers the bus's questions to the home (automations, their runs, commands from the API) on the home's event loop. */
final class HomeQueries {
    private final Vertx vertx;
    private final HomeLoop loop;
    private final Optional<AutomationStore> store;
    private final Optional<AutomationJournal> journal;

    HomeQueries(Vertx vertx, HomeLoop loop, Optional<AutomationStore> store, Optional<AutomationJournal> journal) {
        this.vertx = vertx;
        this.loop = loop;
        this.store = store;
        this.journal = journal;
    }

    void register(EventBus bus) {
        bus.<CommandRequested>consumer(Addresses.DEVICE_COMMAND, this::onCommand);
        bus.<AutomationQuery.ListAll>consumer(Addresses.AUTOMATION_LIST, m -> m.reply(new AutomationQuery.Listing(loop.automations())));
        bus.<AutomationQuery.RecentRuns>consumer(Addresses.AUTOMATION_RUNS, m -> recentRuns(m.body())
                .onSuccess(runs -> m.reply(new AutomationQuery.Runs(runs))));
        bus.<AutomationQuery.Control>consumer(Addresses.AUTOMATION_CONTROL, this::onControl);
    }

    private void onCommand(Message<CommandRequested> request) {
        loop.command(request.body()).whenComplete((ok, e) -> {
            if (e == null) request.reply(null);
            // A full outbox is the gateway's condition, not the request's: 503, and the API adds Retry-After.
            else request.fail(Commands.cause(e) instanceof PublishRefused ? 503 : 400, Commands.cause(e).getMessage());
        });
    }

    /**
     * The newest from the engine's memory, the older ones from the database: traces not saved yet are saved first,
     * so none is missing in between.
     */
    private Future<List<AutomationRun>> recentRuns(AutomationQuery.RecentRuns q) {
        List<AutomationRun> inMemory = loop.engine().recentRuns(q.automation(), q.limit());
        if (store.isEmpty() || inMemory.size() >= q.limit()) return Future.succeededFuture(inMemory);
        Future<Void> saved = journal.map(AutomationJournal::saveTraces).orElse(Future.succeededFuture());
        return saved.transform(r -> new RecentTraces(vertx, store.get().traces()).complete(q.automation(), inMemory, q.limit()));
    }

    private void onControl(Message<AutomationQuery.Control> m) {
        AutomationQuery.Control c = m.body();
        boolean known = c instanceof AutomationQuery.SetEnabled s
                ? loop.engine().setEnabled(s.automation(), s.enabled())
                : loop.engine().triggerNow(c.automation());
        if (known) m.reply(null);
        else m.fail(404, "no automation '" + c.automation() + "'");
    }
}
