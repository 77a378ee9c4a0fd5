import http from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import client from 'prom-client';

const SERVICE = '${{ values.name }}';
const TOPIC = process.env.KAFKA_TOPIC ?? '${{ values.topic }}';
const GROUP_ID = process.env.KAFKA_GROUP_ID ?? '${{ values.consumerGroup }}';
const BROKERS = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');

const processed = new client.Counter({
  name: 'messages_processed_total',
  help: 'Messages processed, by outcome',
  labelNames: ['outcome'],
});

const kafka = new Kafka({ clientId: SERVICE, brokers: BROKERS, logLevel: logLevel.INFO });
const consumer = kafka.consumer({ groupId: GROUP_ID });
let ready = false;

async function handle(value: Buffer | null): Promise<void> {
  if (!value) {
    return;
  }
  const event = JSON.parse(value.toString('utf8'));
  // TODO: replace with the real processing for ${{ values.name }}.
  console.log(`[${SERVICE}] received`, event.eventId ?? '(no eventId)');
}

async function main(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC, fromBeginning: ${{ 'true' if values.offsetReset == 'earliest' else 'false' }} });
  await consumer.run({
    partitionsConsumedConcurrently: ${{ values.concurrency }},
    eachMessage: async ({ message }) => {
      try {
        await handle(message.value);
        processed.inc({ outcome: 'ok' });
      } catch (err) {
        processed.inc({ outcome: 'error' });
        console.error(`[${SERVICE}] failed to process message`, err);
      }
    },
  });
  ready = true;
}

http
  .createServer(async (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(ready ? 200 : 503).end(ready ? 'ok' : 'starting');
    } else if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': client.register.contentType });
      res.end(await client.register.metrics());
    } else {
      res.writeHead(404).end();
    }
  })
  .listen(Number(process.env.PORT ?? 8080));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
