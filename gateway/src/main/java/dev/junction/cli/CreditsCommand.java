package dev.junction.cli;

import dev.junction.money.Money;
import dev.junction.accounting.UsagePeriods;
import dev.junction.cluster.ClusterNotices;
import dev.junction.keys.StaticKeys;
import dev.junction.store.Credits;
import dev.junction.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code junction credits grant|show}: the account's balance. */
@Command(name = "credits", mixinStandardHelpOptions = true, description = "Grant and show the account's credits.",
        subcommands = {CreditsCommand.Grant.class, CreditsCommand.Show.class})
final class CreditsCommand {

    @Command(name = "grant", mixinStandardHelpOptions = true, description = "Add credits (USD) to the account.")
    static final class Grant implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--amount", required = true, paramLabel = "USD", description = "amount in USD, e.g. 25 or 0.50")
        BigDecimal amount;
        @Option(names = "--note", description = "why, for the record")
        String note = "granted with the CLI";

        @Override
        public Integer call() {
            if (amount.signum() <= 0) {
                System.err.println("--amount must be positive");
                return 2;
            }
            try (Store s = store.open()) {
                s.usage().grantCredits(StaticKeys.DEFAULT_ACCOUNT, Money.ofUsd(amount), note);
                Credits credits = s.usage().credits(StaticKeys.DEFAULT_ACCOUNT);
                System.out.println("total credits: " + credits.total());
                if (!ClusterNotices.creditsGranted(store.load().cluster(), StaticKeys.DEFAULT_ACCOUNT, credits)) {
                    System.err.println("warning: the cluster's Redis could not be told; gateways apply the grant within 5 seconds");
                }
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show credits and usage.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                Money credits = s.usage().totalCredits(StaticKeys.DEFAULT_ACCOUNT);
                Money usage = s.usage().accountUsage(StaticKeys.DEFAULT_ACCOUNT, UsagePeriods.day(Instant.now())).total();
                System.out.println("total credits: " + credits);
                System.out.println("total usage:   " + usage);
                System.out.println("available:     " + credits.minus(usage));
                return 0;
            }
        }
    }
}
