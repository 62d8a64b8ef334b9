package dev.firstcome.backend.issuance;

/** The persistence scenarios on the embedded PostgreSQL, Redis and Kafka. */
@EmbeddedIssuanceContext
class PersistenceIntegrationTests extends PersistenceScenarios {

    @Override
    void refuseInserts(long eventId) {
        jdbc.execute("CREATE OR REPLACE FUNCTION fc_test_refuse_" + eventId + "() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN IF NEW.event_id = " + eventId + " THEN RAISE EXCEPTION 'refused by test trigger';"
                + " END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER fc_test_refuse_" + eventId + " BEFORE INSERT ON coupon FOR EACH ROW"
                + " EXECUTE FUNCTION fc_test_refuse_" + eventId + "()");
    }

    @Override
    void acceptInserts(long eventId) {
        jdbc.execute("DROP TRIGGER IF EXISTS fc_test_refuse_" + eventId + " ON coupon");
        jdbc.execute("DROP FUNCTION IF EXISTS fc_test_refuse_" + eventId + "()");
    }
}
